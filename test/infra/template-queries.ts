import type { Template } from 'aws-cdk-lib/assertions';

/** A policy statement as the template holds it. */
export interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
}

/** The logical ids of the resources of `type`, sorted. */
export const logicalIds = (template: Template, type: string): string[] => Object.keys(template.findResources(type)).sort();

/** The only resource of `type` matching `props`: its logical id and properties (fails unless exactly one). */
export const onlyResource = (
  template: Template,
  type: string,
  props: Record<string, unknown> = {},
): { logicalId: string; properties: Record<string, unknown> } => {
  const found = Object.entries(template.findResources(type, props));
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  const [logicalId, resource] = found[0]!;
  return { logicalId, properties: (resource as { Properties: Record<string, unknown> }).Properties };
};

/** Every statement of the policies attached to the role of a function (by the function's logical id). */
export const statementsOfFunctionRole = (template: Template, functionLogicalId: string): Statement[] => {
  const fn = template.findResources('AWS::Lambda::Function')[functionLogicalId] as {
    Properties: { Role: { 'Fn::GetAtt': [string, string] } };
  };
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .map((policy) => (policy as { Properties: { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } } }).Properties)
    .filter((properties) => JSON.stringify(properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((properties) => properties.PolicyDocument.Statement);
};

/** A statement's actions as a sorted list. */
export const actionsOf = (statement: Statement): string[] => [statement.Action].flat().sort();

/** Every action any policy in the template allows. */
export const allAllowedActions = (template: Template): string[] =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
    (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument.Statement.filter(
      (statement) => statement.Effect === 'Allow',
    ).flatMap(actionsOf),
  );
