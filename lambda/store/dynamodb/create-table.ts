import { CreateTableCommand, type DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';
import { PARTITION_KEY, SORT_KEY } from './table-design';

/**
 * Creates the table as the CDK stack defines it (keys only; billing and
 * encryption are the stack's). For local DynamoDB-compatible servers; a
 * table that already exists is left as it is.
 */
export const createUserLimitsTable = async (client: DynamoDBClient, tableName: string): Promise<void> => {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: PARTITION_KEY, AttributeType: 'S' },
          { AttributeName: SORT_KEY, AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
          { AttributeName: SORT_KEY, KeyType: 'RANGE' },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException) && (error as { name?: unknown })?.name !== 'ResourceInUseException') throw error;
  }
};
