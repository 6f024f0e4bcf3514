import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { PARTITION_KEY, SORT_KEY } from '../lambda/store/dynamodb/table-design';

/** The environment variable that tells both functions the table's name (set → DynamoDB store); defined beside the table design. */
export { TABLE_NAME_ENV } from '../lambda/store/dynamodb/table-design';

/**
 * What the processor sends (lambda/store/dynamodb/dynamodb-store.ts): BatchGetItem
 * to load a batch's limits and watermarks, conditional PutItem to commit.
 * Nothing that scans, deletes or changes the table.
 */
const PROCESSOR_TABLE_ACTIONS = ['dynamodb:BatchGetItem', 'dynamodb:PutItem'];

/** What the read API sends: one Query per page on the user's partition. */
const READER_TABLE_ACTIONS = ['dynamodb:Query'];

/**
 * The table key as DynamoDB uses it for a caller: reading needs the table key
 * decrypted; writing also encrypts under it. No wildcard actions.
 */
const WRITER_KEY_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'];
const READER_KEY_ACTIONS = ['kms:Decrypt'];

/**
 * One table for every user's limits and watermark (lambda/store/dynamodb/table-design.ts):
 * on-demand, point-in-time recovery, encrypted with its own rotating KMS key,
 * protected from deletion and kept (with its key) when the stack goes.
 */
export class UserLimitsTable extends Construct {
  readonly table: Table;
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      enableKeyRotation: true,
      description: 'Encrypts the user limits table',
      // The table is retained; without its key its data (and its backups) could never be read again.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new Table(this, 'Table', {
      partitionKey: { name: PARTITION_KEY, type: AttributeType.STRING },
      sortKey: { name: SORT_KEY, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: true,
      // The durable copy of every user's limits: a stack deletion must not take it along.
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** The processor: load and conditionally write items, on this table only. */
  grantProcessorAccess(grantee: IGrantable): void {
    this.#grant(grantee, PROCESSOR_TABLE_ACTIONS, WRITER_KEY_ACTIONS);
  }

  /** The read API: query a user's partition, on this table only. */
  grantReaderAccess(grantee: IGrantable): void {
    this.#grant(grantee, READER_TABLE_ACTIONS, READER_KEY_ACTIONS);
  }

  // Written by hand: Table.grantReadData and grantReadWriteData would add Scan, GetItem, DeleteItem and more.
  #grant(grantee: IGrantable, tableActions: string[], keyActions: string[]): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: tableActions, resources: [this.table.tableArn] }));
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: keyActions,
        resources: [this.key.keyArn],
        // Only through DynamoDB: the role cannot use the key to decrypt anything directly.
        conditions: { StringEquals: { 'kms:ViaService': `dynamodb.${Aws.REGION}.amazonaws.com` } },
      }),
    );
  }
}
