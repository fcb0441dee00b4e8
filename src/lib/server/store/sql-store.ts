import * as accountQueries from './account-queries';
import * as auditQueries from './audit-queries';
import { bindDatabase } from './bind-database';
import { importBoundaries } from './boundary-import';
import * as deviceQueries from './device-queries';
import * as reportQueries from './report-queries';
import * as monthlySummaryQueries from './monthly-summary-queries';
import * as exportQueries from './export-queries';
import * as exportAggregateQueries from './export-aggregates';
import * as responseQueries from './response-queries';
import * as progressionQueries from './progression-queries';
import * as retentionQueries from './retention-queries';
import * as referenceCodeQueries from './reference-code-queries';
import * as sealingKeyQueries from './sealing-key-queries';
import * as workerQueries from './worker-queries';
import * as reads from './conversation-reads';
import { conversationRecords } from './conversation-records-query';
import { applyChanges } from './conversation-writes';
import * as networks from './network-queries';
import * as settings from './network-settings-queries';
import * as residentRequests from './resident-request-queries';
import type { SqlDatabase } from './sql-database';
import type { Store } from './store';
import * as indicators from './ward-indicator-queries';
import { wardPage } from './ward-page-query';
import { wardMapFigures, wardMapVersion } from './ward-map-query';
import { wardThemeCounts } from './ward-summary-query';
import { equalityAnswerCounts } from './equality-totals-query';

export function createSqlStore(db: SqlDatabase): Store {
  return {
    kind: db.kind,
    accounts: bindDatabase(db, accountQueries),
    devices: bindDatabase(db, deviceQueries),
    workers: bindDatabase(db, workerQueries),
    audit: bindDatabase(db, auditQueries),
    residentRequests: bindDatabase(db, residentRequests),
    retention: bindDatabase(db, retentionQueries),
    reports: bindDatabase(db, reportQueries),
    responses: bindDatabase(db, responseQueries),
    progression: bindDatabase(db, progressionQueries),
    referenceCodes: bindDatabase(db, referenceCodeQueries),
    sealingKeys: bindDatabase(db, sealingKeyQueries),
    monthlySummaries: bindDatabase(db, monthlySummaryQueries),
    exports: bindDatabase(db, { ...exportQueries, ...exportAggregateQueries }),
    getNetwork: () => networks.getNetwork(db),
    getReferenceData: () => networks.getReferenceData(db),
    wardBoundaries: (networkId) => networks.wardBoundaries(db, networkId),
    wardBoundariesVersion: (networkId) => networks.wardBoundariesVersion(db, networkId),
    setUpNetwork: (setup, coordinator) => networks.setUpNetwork(db, setup, coordinator),
    setAccessSettings: (networkId, values) => settings.setAccessSettings(db, networkId, values),
    importBoundaries: (networkId, wards, year) => importBoundaries(db, networkId, wards, year),
    setPrivacyNotice: (networkId, text) => settings.setPrivacyNotice(db, networkId, text),
    mapMinimumConversations: (networkId) => settings.mapMinimumConversations(db, networkId),
    setMapMinimumConversations: (networkId, minimum) => settings.setMapMinimumConversations(db, networkId, minimum),
    suppressionThreshold: (networkId) => settings.suppressionThreshold(db, networkId),
    setSuppressionThreshold: (networkId, threshold) => settings.setSuppressionThreshold(db, networkId, threshold),
    equalityAnswerCounts: (networkId, scope, breakdown) => equalityAnswerCounts(db, networkId, scope, breakdown),
    replacePrompts: (networkId, prompts) => settings.replacePrompts(db, networkId, prompts),
    addEvent: (networkId, event) => settings.addEvent(db, networkId, event),
    archiveEvent: (networkId, eventId) => settings.archiveEvent(db, networkId, eventId),
    addOrganisation: (networkId, name) => settings.addOrganisation(db, networkId, name),
    archiveOrganisation: (networkId, id) => settings.archiveOrganisation(db, networkId, id),
    applyChanges: (batch) => applyChanges(db, batch),
    conversationsByIds: (ids) => reads.conversationsByIds(db, ids),
    pull: (scope, cursor, limit) => reads.pullConversations(db, scope, cursor, limit),
    conversationHistory: (scope, id) => reads.conversationHistory(db, scope, id),
    countConversations: (networkId) => reads.countConversations(db, networkId),
    conversationRecords: (networkId, viewer, page) => conversationRecords(db, networkId, viewer, page),
    wardThemeCounts: (networkId, filters) => wardThemeCounts(db, networkId, filters),
    wardPage: (networkId, code, quoteLimit) => wardPage(db, networkId, code, quoteLimit),
    saveWardIndicator: (networkId, indicator) => indicators.saveWardIndicator(db, networkId, indicator),
    deleteWardIndicator: (networkId, id) => indicators.deleteWardIndicator(db, networkId, id),
    wardIndicators: (networkId) => indicators.wardIndicators(db, networkId),
    wardIndicatorNames: (networkId) => indicators.wardIndicatorNames(db, networkId),
    wardIndicatorStandings: (networkId, code) => indicators.wardIndicatorStandings(db, networkId, code),
    mostDeprivedWardCodes: (networkId, id, percent) => indicators.mostDeprivedWardCodes(db, networkId, id, percent),
    wardMap: (networkId, filters) => wardMapFigures(db, networkId, filters),
    wardMapVersion: (networkId) => wardMapVersion(db, networkId),
    close: () => db.close()
  };
}
