import DataLoader from "dataloader";
import { In, type DataSource } from "typeorm";
import { type DepositProduct, DepositAccountEntity, DepositAccountHolderEntity } from "./deposit-account.entity";

/** A Bank or Invest account with the ids of the customers who hold it. */
export interface DepositAccount {
  accountNumber: string;
  product: DepositProduct;
  holderIds: string[];
}

/** Deposit accounts by account number, with their holders: two statements per batch. */
export function createDepositAccountLoader(dataSource: DataSource): DataLoader<string, DepositAccount | null> {
  return new DataLoader(async (accountNumbers) => {
    const accounts = await dataSource.getRepository(DepositAccountEntity).findBy({ accountNumber: In([...accountNumbers]) });
    const holders = accounts.length ? await dataSource.getRepository(DepositAccountHolderEntity).findBy({ accountNumber: In(accounts.map((a) => a.accountNumber)) }) : [];
    const byNumber = new Map<string, DepositAccount>(
      accounts.map((account) => [account.accountNumber, { accountNumber: account.accountNumber, product: account.product, holderIds: [] }]),
    );
    for (const holder of holders) byNumber.get(holder.accountNumber)?.holderIds.push(holder.customerId);
    return accountNumbers.map((accountNumber) => byNumber.get(accountNumber) ?? null);
  });
}
