// miniprogram-authorize/inspector: the authorization inspector element and the pop-up's auto-answer.
import type { Authorizer, PromptAnswer, PromptRequest } from './index.js';

export type AutoAnswerMode = 'ask' | 'accept' | 'reject' | 'dismiss';

export const AUTO_ANSWER_MODES: readonly AutoAnswerMode[];

export interface AutoAnswerEvent {
  scope: string | undefined;
  api: string | undefined;
  answer: unknown;
  /** true when the mode answered, false when the pop-up did */
  auto: boolean;
  mode: AutoAnswerMode;
}

/** A prompt handler (pass it as createAuthorizer's `prompt`) whose mode the inspector sets. */
export interface AutoAnswer {
  (request: PromptRequest): Promise<PromptAnswer>;
  mode: AutoAnswerMode;
  onModeChange(listener: (mode: AutoAnswerMode) => void): () => void;
  onAnswer(listener: (event: AutoAnswerEvent) => void): () => void;
}

export function createAutoAnswer(
  prompt?: (request: PromptRequest) => unknown,
  options?: { mode?: AutoAnswerMode },
): AutoAnswer;

export interface InspectorActionDetail {
  action: 'setState' | 'reset' | 'mode';
  scope?: string;
  state?: 'granted' | 'denied' | 'prompt';
  mode?: AutoAnswerMode;
  error?: unknown;
}

/** `<mpa-inspector>`: every scope of the authorizer's platform, its state, set in one click. */
export interface AuthorizationInspector extends HTMLElement {
  authorizer: Authorizer<any> | null;
  autoAnswer: AutoAnswer | null;
}

/** Defines the element under `tagName` (importing the module in a page defines `mpa-inspector`). */
export function defineInspector(tagName?: string): { new (): AuthorizationInspector };

declare global {
  interface HTMLElementTagNameMap {
    'mpa-inspector': AuthorizationInspector;
  }
  interface HTMLElementEventMap {
    'mpa-inspector-action': CustomEvent<InspectorActionDetail>;
  }
}
