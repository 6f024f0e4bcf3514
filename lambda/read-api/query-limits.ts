import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { UserLimit } from '../domain/user-limit';
import { fromLimitItem, LIMIT_SORT_KEY_PREFIX, PARTITION_KEY, SORT_KEY } from '../store/dynamodb/table-design';

/** One page of a user's limits, in userLimitId order. */
export interface LimitsPage {
  limits: UserLimit[];
  /** The sort key of the page's last item when DynamoDB says more may follow. */
  lastSortKey?: string;
  /** Read capacity units the Query consumed, as DynamoDB reports them. */
  readUnits?: number;
}

export interface PageRequest {
  userId: string;
  pageSize: number;
  /** Start after this sort key (from a verified nextToken). */
  afterSortKey?: string;
}

/**
 * One Query on the user's partition. `begins_with(sk, "LIMIT#")` keeps the
 * watermark item out; sort keys ascend, so limits come in userLimitId order.
 * Eventually consistent: half the read units of a strongly consistent read,
 * and the table itself trails the stream anyway.
 */
export const queryLimitsPage = async (client: DynamoDBDocumentClient, tableName: string, request: PageRequest): Promise<LimitsPage> => {
  const output = await client.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: `${PARTITION_KEY} = :u AND begins_with(${SORT_KEY}, :prefix)`,
      ExpressionAttributeValues: { ':u': request.userId, ':prefix': LIMIT_SORT_KEY_PREFIX },
      Limit: request.pageSize,
      ScanIndexForward: true,
      ExclusiveStartKey:
        request.afterSortKey === undefined ? undefined : { [PARTITION_KEY]: request.userId, [SORT_KEY]: request.afterSortKey },
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  const lastSortKey: unknown = output.LastEvaluatedKey?.[SORT_KEY];
  return {
    limits: (output.Items ?? []).map(fromLimitItem),
    lastSortKey: typeof lastSortKey === 'string' ? lastSortKey : undefined,
    readUnits: output.ConsumedCapacity?.CapacityUnits,
  };
};
