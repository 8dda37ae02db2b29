import type { Detection } from '../detect/index.ts';
import type { Answers } from '../kit/answers.ts';
import type { FileChange } from '../plan/changes.ts';
import { describeChange, unifiedDiff } from '../plan/diff.ts';
import { paint } from './paint.ts';

export function detectionSummary(detection: Detection, answers: Answers, versionSet: string): string {
  const framework = detection.framework
    ? `${detection.framework.value}${detection.framework.version ? ` ${detection.framework.version}` : ''}`
    : answers.framework;
  const data = detection.dataLayers.map((layer) => layer.value).join(', ') || 'none';
  const app = detection.app ? `${detection.app.file}#${detection.app.exportName} (${detection.app.kind})` : (answers.app ?? '?');
  return [
    paint.bold('Project'),
    `  ${detection.language === 'ts' ? 'TypeScript' : 'JavaScript'} ${detection.moduleSystem.toUpperCase()}, ${framework}, data: ${data}, package manager: ${answers.pm} (${detection.packageManager.source})`,
    `  Node ${detection.node.version} (${detection.node.source}): ${versionSet} dependency set`,
    `  app: ${app}, database: ${answers.db}, runner: ${answers.runner}`,
    detection.migrations ? `  migrations: ${detection.migrations.path} (${detection.migrations.files.length} file(s))` : '  migrations: none found',
  ].join('\n');
}

export function planSummary(changes: FileChange[], withDiffs: boolean): string {
  const lines = [paint.bold('Plan')];
  for (const change of changes) {
    lines.push(describeChange(change));
    if (withDiffs && (change.status === 'update' || change.status === 'conflict')) lines.push(unifiedDiff(change));
  }
  return lines.join('\n');
}
