// What the views share: the schema, the model, and the actions they may ask the app for.
import type { GraphNode, GraphRelationship, GraphSchema, NodeKindDefinition, RelationshipTypeDefinition } from './api/types';
import type { GraphModel } from './model';

export interface Ctx {
  schema: GraphSchema;
  kinds: Map<string, NodeKindDefinition>;
  relTypes: Map<string, RelationshipTypeDefinition>;
  model: GraphModel;
  /** select a node: panel + map focus */
  selectNode(id: string | null, opts?: { focus?: boolean }): void;
  editNode(node: GraphNode | null, kind?: string): void;
  deleteNode(node: GraphNode): void;
  addRelationship(node: GraphNode): void;
  editRelationship(rel: GraphRelationship): void;
  deleteRelationship(rel: GraphRelationship): void;
  showEgo(id: string, depth: number): void;
  openPath(fromId?: string): void;
  toast(msg: string, kind?: 'info' | 'error'): void;
  /** the signed-in account may change the graph of the region shown (a regisseur of it) */
  canEdit(): boolean;
  exportPerson(node: GraphNode): void;
  erasePerson(node: GraphNode): void;
}

export function indexSchema(schema: GraphSchema): Pick<Ctx, 'kinds' | 'relTypes'> {
  return {
    kinds: new Map(schema.nodeKinds.map((k) => [k.code, k])),
    relTypes: new Map(schema.relationshipTypes.map((r) => [r.code, r])),
  };
}
