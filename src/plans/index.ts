/**
 * Plans and views: the Plan model the planner produces (`model.ts`, the contract) and everything that
 * shows plans, states and apply progress the way Terraform users and CI expect — the human plan text
 * (`human.ts`, built on the attribute differ and renderers in `diff/`), `show -json` of plans and
 * states (`json.ts`), `terraform show` / `state show` text (`state-view.ts`), the `output` command's
 * views and HCL value formatting (`output-view.ts`, `hcl.ts`), the `-json` UI stream (`ui.ts`), apply
 * progress lines with their timers (`progress.ts`), the apply finish and interrupt texts
 * (`apply-view.ts`) and plan files (`planfile.ts`). Computing plans belongs to `core`; storing states
 * (and the sealing keys) belongs to `states`.
 */
export * from './model.js';
export * from './schema.js';
export { renderPlan, nextStep, renderResourceChange, renderOutputChanges, shownChanges, driftChanges, planSummaryLine, type PlanRenderOptions, type RenderedChange, type ShownChanges } from './human.js';
export { planJSON, stateJSON, resourceChangeJSON, inferType, type JSONOptions } from './json.js';
export { renderState, renderStateInstance, stateObjects, providerName, type StateObject } from './state-view.js';
export { formatHclValue, formatOutputLines, friendlyType, type OutputValue } from './hcl.js';
export { outputCommand, type OutputOptions, type OutputResult } from './output-view.js';
export * from './ui.js';
export * from './progress.js';
export * from './apply-view.js';
export * from './planfile.js';
export { planAction, uiAction, sortChanges, withBuiltins, resourceDiff, outputDiff, type PlanAction } from './changes.js';
export { goQuote, goJSON, goDuration, wordWrap, formatNumber, horizontalRule } from './text.js';
export { decodeAttributes, decodeValue, markShape, typedShape, shapePaths, blockType } from './values.js';
