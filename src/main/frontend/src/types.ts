/** The API's shapes, as far as the pages read them. */

export interface NextBestAction {
  code: string;
  offerCode: string | null;
  offerName?: string | null;
  expectedValue?: number | null;
  channel?: string | null;
  reason: string;
}

export interface QueueItem {
  rank: number;
  accountId: string;
  name: string;
  segment: string;
  health: number;
  churnRisk: number;
  daysToRenewal: number | null;
  mrr: number;
  priorityScore: number;
  why: string;
  nextBestAction: NextBestAction | null;
  openTasks: { id: number; name: string; dueDate: string | null; priority: number }[];
}

export interface Queue {
  csm: string;
  page: number;
  size: number;
  total: number;
  items: QueueItem[];
}

export interface Task {
  id: number;
  name: string;
  accountId: string;
  journeyId: string;
  processId: string;
  elementId: string;
  formId: string | null;
  candidateGroups: string[];
  assignee: string | null;
  status: string;
  ready: boolean;
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  variables: Record<string, unknown>;
  createdAt: string;
  completedAt: string | null;
}

export interface JourneyView {
  id: string;
  accountId: string;
  process: string;
  status: string;
  currentElement: string | null;
  currentStep: string | null;
  endReason: string | null;
  startedAt: string;
  updatedAt: string;
  endedAt: string | null;
}

export interface Decision {
  id: number;
  accountId: string | null;
  journeyId: string | null;
  rule: string;
  outcome: string;
  rationale: string;
  inputs: Record<string, unknown>;
  at: string;
  actor: string;
}

export interface Contribution {
  factor: string;
  group: string;
  input: unknown;
  points: number;
}

export interface AccountDetail {
  id: string;
  name: string;
  planTier: string;
  contractType: string;
  mrr: number;
  segment: string;
  health: number;
  valueScore: number;
  usageScore: number;
  intentScore: number;
  lifecycleStage: string;
  ownerCsm: string;
  products: string[];
  journeys: JourneyView[];
  offers: {
    id: number;
    offerCode: string;
    channel: string;
    status: string;
    expectedValue: number;
    discount: number | null;
    revenueDelta: number | null;
    createdAt: string;
  }[];
  touches: {
    id: number;
    contactId: string;
    play: string;
    purpose: string;
    channel: string;
    occurredAt: string;
  }[];
  tasks: Task[];
  decisions: Decision[];
  healthScore: {
    health: number;
    stage: string;
    modelVersion: string;
    scoredAt: string;
    contributions: Contribution[];
    history: { scoredAt: string; health: number; trigger: string }[];
  } | null;
  nextBestAction: NextBestAction | null;
}

export interface Quote {
  id: number;
  offerCode: string;
  listPrice: number;
  discount: number;
  netPrice: number;
  margin: number;
  needsApproval: boolean;
  status: string;
  maxDiscountLimit: number;
  marginFloorLimit: number;
  origin: string;
  createdAt: string;
}

export interface ElementStatistics {
  elementId: string;
  active: number;
  completed: number;
  canceled: number;
  incidents: number;
}

export interface DeployedModel {
  id: string;
  name: string;
  kind: "process" | "decision" | "form";
  file: string;
}
