/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query UnreadCount { notifications(unreadOnly: true, first: 1) { totalCount } }\n": typeof types.UnreadCountDocument,
    "\n  subscription NotificationAdded { notificationAdded { id title } }\n": typeof types.NotificationAddedDocument,
    "mutation AccidentAcknowledge($id: String!) { acknowledgeAccident(id: $id) { id state reachedLevel version } }": typeof types.AccidentAcknowledgeDocument,
    "mutation AccidentPassUp($id: String!) { passAccidentUp(id: $id) { id state reachedLevel version } }": typeof types.AccidentPassUpDocument,
    "\n  mutation AccidentFollowUp($id: String!, $input: AccidentFollowUpInput!) {\n    followUpAccident(id: $id, input: $input) { id grade deaths version }\n  }\n": typeof types.AccidentFollowUpDocument,
    "\n  mutation AccidentDecideFollowUp($id: String!, $seq: Int!, $approve: Boolean!, $reason: String) {\n    decideAccidentFollowUp(id: $id, seq: $seq, approve: $approve, reason: $reason) { id grade version }\n  }\n": typeof types.AccidentDecideFollowUpDocument,
    "\n  mutation AccidentFinding($id: String!, $kind: AccidentFindingKind!, $detail: String!) {\n    recordAccidentFinding(id: $id, kind: $kind, detail: $detail) { id version }\n  }\n": typeof types.AccidentFindingDocument,
    "\n  mutation AccidentExtend($id: String!, $reason: String!) { extendAccidentInvestigation(id: $id, reason: $reason) { id extended version } }\n": typeof types.AccidentExtendDocument,
    "\n  mutation AccidentSubmitInvestigation($id: String!, $input: InvestigationReportInput!) {\n    submitAccidentInvestigation(id: $id, input: $input) { id state version }\n  }\n": typeof types.AccidentSubmitInvestigationDocument,
    "mutation AccidentApproveInvestigation($id: String!) { approveAccidentInvestigation(id: $id) { id state version } }": typeof types.AccidentApproveInvestigationDocument,
    "\n  mutation AccidentClose($id: String!, $rectification: String!) { closeAccident(id: $id, rectification: $rectification) { id state version } }\n": typeof types.AccidentCloseDocument,
    "\n  query AccidentBoard {\n    accidentClocks(first: 200) { accidentId tenantCode kind kindName startedAt dueAt late secondsLeft }\n    accidents(first: 100) { nodes { id unitName grade } }\n  }\n": typeof types.AccidentBoardDocument,
    "query AccidentBoardOne($id: String!) { accident(id: $id) { id unitName grade } }": typeof types.AccidentBoardOneDocument,
    "\n  query AccidentDetail($id: String!) {\n    accident(id: $id) {\n      id tenantCode enterpriseId unitName unitUscc unitAddress divisionCode occurredAt place accidentType accidentTypeName roadTraffic\n      industry industrySection industrySectionName size deaths missing seriousInjuries minorInjuries directLossWan\n      grade state summary cause measures reporter reporterPhone unitReportedAt reportedAt reachedLevel reportTo mustPassUp investigatedBy\n      acknowledgements investigation extended rectification version createdBy\n      timeline { seq at actor action details }\n      clocks { kind kindName startedAt dueAt doneAt doneBy late automatic secondsLeft }\n      followUps { seq at by before after note late status decidedBy decidedAt }\n      findings { seq kind kindName subject detail at by }\n    }\n    accidentRules\n  }\n": typeof types.AccidentDetailDocument,
    "\n  query AccidentHomeFigures { accidentClocks(first: 500) { accidentId kind late } }\n": typeof types.AccidentHomeFiguresDocument,
    "\n  query AccidentList($state: String, $grade: String, $fromMonth: String, $toMonth: String, $first: Int, $after: String) {\n    accidents(state: $state, grade: $grade, fromMonth: $fromMonth, toMonth: $toMonth, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id occurredAt unitName accidentType accidentTypeName grade state deaths missing reachedLevel mustPassUp tenantCode }\n    }\n  }\n": typeof types.AccidentListDocument,
    "\n  mutation ReportAccident($input: ReportAccidentInput!) {\n    reportAccident(input: $input) { id grade state }\n  }\n": typeof types.ReportAccidentDocument,
    "query AccidentReportMeta { accidentRules accidentCodes }": typeof types.AccidentReportMetaDocument,
    "query AccidentOwnEnterprise { myEnterprise { id name uscc gbt4754 } }": typeof types.AccidentOwnEnterpriseDocument,
    "\n  query AccidentEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc gbt4754 } }\n  }\n": typeof types.AccidentEnterpriseSearchDocument,
    "query AccidentRulesPage { accidentRules accidentDenominators }": typeof types.AccidentRulesPageDocument,
    "mutation AccidentSetRules($rules: JSON!) { setAccidentRules(rules: $rules) }": typeof types.AccidentSetRulesDocument,
    "\n  mutation AccidentSetDenominators($year: Int!, $entries: [AccidentDenominatorInput!]!) { setAccidentDenominators(year: $year, entries: $entries) }\n": typeof types.AccidentSetDenominatorsDocument,
    "\n  query AccidentDivisionTree($code: String!) {\n    tenant(code: $code) {\n      code name level\n      children(first: 100) { nodes { code name level children(first: 100) { nodes { code name level } } } }\n    }\n  }\n": typeof types.AccidentDivisionTreeDocument,
    "\n  query AccidentStats($year: Int!, $quarter: Int, $month: Int, $by: AccidentDimension!, $division: String) {\n    accidentStatistics(year: $year, quarter: $quarter, month: $month, by: $by, division: $division) {\n      period division divisionName closed csv\n      rows {\n        key label revised yoyAccidents yoyDeaths momAccidents momDeaths deathsPer100mGdp deathsPer100kWorkers\n        current { accidents deaths seriousInjuries minorInjuries lossWan }\n        lastYear { accidents deaths }\n        previous { accidents deaths }\n        published { accidents deaths seriousInjuries lossWan }\n      }\n      total {\n        key label revised yoyAccidents yoyDeaths momAccidents momDeaths deathsPer100mGdp deathsPer100kWorkers\n        current { accidents deaths seriousInjuries minorInjuries lossWan }\n        lastYear { accidents deaths }\n        previous { accidents deaths }\n        published { accidents deaths seriousInjuries lossWan }\n      }\n    }\n    accidentTrend(year: $year, division: $division) {\n      month\n      current { accidents deaths }\n      lastYear { accidents deaths }\n    }\n  }\n": typeof types.AccidentStatsDocument,
    "\n  query AccidentStatsTenant($division: String!) {\n    tenant(code: $division) { code name level parent { code name level parent { code name level } } }\n  }\n": typeof types.AccidentStatsTenantDocument,
    "\n  query AccidentMonthlyReport($year: Int!, $month: Int!, $division: String) { accidentMonthlyReport(year: $year, month: $month, division: $division) }\n": typeof types.AccidentMonthlyReportDocument,
    "\n  mutation AccidentCloseMonth($year: Int!, $month: Int!, $division: String) { closeAccidentMonth(year: $year, month: $month, division: $division) }\n": typeof types.AccidentCloseMonthDocument,
    "\n  query AdminAuditLog($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        tenantCode\n        seq\n        id\n        at\n        actor\n        actorTenant\n        operation\n        targetType\n        targetId\n        changes\n        requestId\n        clientAddr\n        hashAlgorithm\n        prevHash\n        hash\n      }\n    }\n  }\n": typeof types.AdminAuditLogDocument,
    "\n  query AdminAuditVerification($tenantCode: String) {\n    auditVerification(tenantCode: $tenantCode) { intact tenants records firstBreak { tenantCode seq reason } }\n  }\n": typeof types.AdminAuditVerificationDocument,
    "\n  query AdminAuditExport($filter: AuditFilter) { auditExport(filter: $filter) { csv rows sha256 } }\n": typeof types.AdminAuditExportDocument,
    "\n  query AdminJobs($first: Int, $after: String, $status: String) {\n    jobs(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode kind status runAt attempts maxAttempts lastError updatedAt }\n    }\n  }\n": typeof types.AdminJobsDocument,
    "\n  query AdminOrganisations($first: Int, $after: String) {\n    organisations(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode kind name uscc disabled }\n    }\n  }\n": typeof types.AdminOrganisationsDocument,
    "\n  query AdminGrants($first: Int, $after: String) {\n    grants(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode organisationId organisationTenantCode role recordType recordId validUntil revoked }\n    }\n  }\n": typeof types.AdminGrantsDocument,
    "query AdminGrantRoles { roles { name adminGroup } }": typeof types.AdminGrantRolesDocument,
    "query AdminAllOrganisations { organisations(first: 100) { nodes { id name tenantCode } } }": typeof types.AdminAllOrganisationsDocument,
    "\n  mutation AdminCreateOrganisation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }\n": typeof types.AdminCreateOrganisationDocument,
    "mutation AdminGrantOrganisation($input: GrantOrganisationInput!) { grantOrganisation(input: $input) { id } }": typeof types.AdminGrantOrganisationDocument,
    "mutation AdminRevokeGrant($input: IdInput!) { revokeGrant(input: $input) { id revoked } }": typeof types.AdminRevokeGrantDocument,
    "\n  query AdminSecurityPolicy {\n    securityPolicy {\n      passwordMinLength\n      passwordMinClasses\n      passwordMaxAgeDays\n      sessionAccessTtlMinutes\n      sessionIdleTimeoutMinutes\n      sessionRefreshTtlMinutes\n      loginMaxFailuresPerAccount\n      loginMaxFailuresPerAddress\n      loginWindowSeconds\n    }\n  }\n": typeof types.AdminSecurityPolicyDocument,
    "\n  mutation AdminUpdateSecurityPolicy($input: SecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      passwordMinLength\n      passwordMinClasses\n      passwordMaxAgeDays\n      sessionAccessTtlMinutes\n      sessionIdleTimeoutMinutes\n      sessionRefreshTtlMinutes\n      loginMaxFailuresPerAccount\n      loginMaxFailuresPerAddress\n      loginWindowSeconds\n    }\n  }\n": typeof types.AdminUpdateSecurityPolicyDocument,
    "mutation AdminCreateTenant($input: CreateTenantInput!) { createTenant(input: $input) { code } }": typeof types.AdminCreateTenantDocument,
    "mutation AdminRenameTenant($input: RenameTenantInput!) { renameTenant(input: $input) { code name } }": typeof types.AdminRenameTenantDocument,
    "mutation AdminRetireTenant($input: RetireTenantInput!) { retireTenant(input: $input) { code retired } }": typeof types.AdminRetireTenantDocument,
    "mutation AdminMergeTenants($input: MergeTenantsInput!) { mergeTenants(input: $input) { code retired } }": typeof types.AdminMergeTenantsDocument,
    "\n  query AdminTenantHistory($code: String!) {\n    tenant(code: $code) { code name history(first: 100) { nodes { at action detail actor } } }\n  }\n": typeof types.AdminTenantHistoryDocument,
    "\n  query AdminUsers($first: Int, $after: String, $tenantCode: String) {\n    users(first: $first, after: $after, tenantCode: $tenantCode) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        username\n        displayName\n        disabled\n        createdAt\n        organisationId\n        roles\n        tenant { code name level }\n      }\n    }\n  }\n": typeof types.AdminUsersDocument,
    "query AdminRoles { roles { name adminGroup } }": typeof types.AdminRolesDocument,
    "\n  query AdminOrgOptions { organisations(first: 100) { nodes { id name tenantCode kind disabled } } }\n": typeof types.AdminOrgOptionsDocument,
    "\n  mutation AdminCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n": typeof types.AdminCreateUserDocument,
    "\n  mutation AdminSetUserDisabled($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { id disabled } }\n": typeof types.AdminSetUserDisabledDocument,
    "\n  mutation AdminResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { id } }\n": typeof types.AdminResetPasswordDocument,
    "\n  mutation AdminAssignRole($input: RoleInput!) {\n    assignRole(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n": typeof types.AdminAssignRoleDocument,
    "\n  mutation AdminRevokeRole($input: RoleInput!) {\n    revokeRole(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n": typeof types.AdminRevokeRoleDocument,
    "\n  query AdminTenants($first: Int, $after: String, $includeRetired: Boolean!) {\n    tenants(first: $first, after: $after, includeRetired: $includeRetired) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        code\n        name\n        departmentName\n        level\n        retired\n        validFrom\n        validTo\n        parent { code name }\n        successor { code name }\n      }\n    }\n  }\n": typeof types.AdminTenantsDocument,
    "\n  query CreditEnterprisePanel($enterpriseId: String!) {\n    creditGrade(enterpriseId: $enterpriseId) { enterpriseId grade reasons { code zh effect } computedAt }\n    commitments(enterpriseId: $enterpriseId) { id text madeAt brokenAt brokenReason }\n    creditListings(enterpriseId: $enterpriseId, first: 10) { total items { id triggerName trigger state stateName proposedAt } }\n  }\n": typeof types.CreditEnterprisePanelDocument,
    "mutation CreditMakeCommitment($enterpriseId: String!, $text: String!) { makeCommitment(enterpriseId: $enterpriseId, text: $text) { id } }": typeof types.CreditMakeCommitmentDocument,
    "mutation CreditBreakCommitment($id: String!, $reason: String!) { breakCommitment(id: $id, reason: $reason) { id brokenAt } }": typeof types.CreditBreakCommitmentDocument,
    "\n  query CreditEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc } }\n  }\n": typeof types.CreditEnterpriseSearchDocument,
    "\n  query CreditEvents($county: String, $enterpriseId: String, $unlisted: Boolean, $first: Int!, $offset: Int!) {\n    creditEvents(county: $county, enterpriseId: $enterpriseId, unlisted: $unlisted, first: $first, offset: $offset) {\n      total\n      items { id county enterpriseId enterpriseName uscc source trigger triggerName refId detail occurredAt listingId proposable withdrawnAt withdrawnReason }\n    }\n  }\n": typeof types.CreditEventsDocument,
    "query CreditTriggers { creditTriggers { code zh propose termMonths } }": typeof types.CreditTriggersDocument,
    "\n  mutation CreditProposeListing($input: ProposeListingInput!) { proposeListing(input: $input) { id state } }\n": typeof types.CreditProposeListingDocument,
    "\n  mutation CreditRecordEvent($input: CreditEventInput!) { recordCreditEvent(input: $input) { id enterpriseName listingId } }\n": typeof types.CreditRecordEventDocument,
    "mutation CreditNotifyListing($id: String!) { notifyListing(id: $id) { id state version } }": typeof types.CreditNotifyListingDocument,
    "mutation CreditStateDefence($id: String!, $defence: String!) { stateListingDefence(id: $id, defence: $defence) { id state version } }": typeof types.CreditStateDefenceDocument,
    "mutation CreditDecideListing($id: String!, $list: Boolean!, $answer: String!) { decideListing(id: $id, list: $list, answer: $answer) { id state version } }": typeof types.CreditDecideListingDocument,
    "mutation CreditPublishListing($id: String!) { publishListing(id: $id) { id state version } }": typeof types.CreditPublishListingDocument,
    "mutation CreditApplyRemoval($id: String!, $kind: String!, $statement: String!) { applyListingRemoval(id: $id, kind: $kind, statement: $statement) { id state version } }": typeof types.CreditApplyRemovalDocument,
    "\n  mutation CreditReviewRemoval($id: String!, $outcome: String!, $note: String!, $extendMonths: Int) {\n    reviewListingRemoval(id: $id, outcome: $outcome, note: $note, extendMonths: $extendMonths) { id state version }\n  }\n": typeof types.CreditReviewRemovalDocument,
    "mutation CreditCompleteTask($id: String!, $note: String!) { completeCreditTask(id: $id, note: $note) { id doneAt } }": typeof types.CreditCompleteTaskDocument,
    "\n  query CreditListing($id: String!) {\n    creditListing(id: $id) {\n      id county countyName enterpriseId enterpriseName uscc trigger triggerName state stateName reason termMonths measures\n      proposedAt proposedBy notifiedAt defenceDueAt defence defenceAt defenceAnswer decidedAt decidedBy publishedAt startsAt endsAt\n      removalKind removalStatement removalAppliedAt reviewNote removedAt canDecide removalWindowOpensAt earlyRepairFrom version\n      events { id source trigger triggerName refId detail occurredAt withdrawnAt withdrawnReason }\n      steps { at actor action note }\n      tasks { id kind dueAt doneAt doneBy note }\n    }\n  }\n": typeof types.CreditListingDocument,
    "\n  query CreditListings($state: String, $county: String, $enterpriseId: String, $first: Int!, $offset: Int!) {\n    creditListings(state: $state, county: $county, enterpriseId: $enterpriseId, first: $first, offset: $offset) {\n      total\n      items { id county countyName enterpriseId enterpriseName uscc trigger triggerName state stateName proposedAt decidedAt startsAt endsAt }\n    }\n  }\n": typeof types.CreditListingsDocument,
    "\n  query CreditPenalties($county: String, $year: Int, $search: String, $first: Int!, $offset: Int!) {\n    penalties(county: $county, year: $year, search: $search, first: $first, offset: $offset) {\n      total\n      items {\n        id county caseNumber year partyKind partyName partyUscc penaltyType penaltyTypeName amountYuan decidedAt\n        enforcement appeal state publishDueAt publishedAt publishedLate\n      }\n    }\n  }\n": typeof types.CreditPenaltiesDocument,
    "\n  query CreditPenalty($id: String!) {\n    penalty(id: $id) {\n      id county caseNumber year partyKind enterpriseId partyName partyUscc personIdNumber violation article penaltyType penaltyTypeName\n      amountYuan decidedAt enforcement appeal documents workingWhileStopped state publishDueAt publishedAt publishedLate publicSummary version\n    }\n  }\n": typeof types.CreditPenaltyDocument,
    "\n  mutation CreditUpdatePenaltyStatus($id: String!, $enforcement: String, $appeal: String) {\n    updatePenaltyStatus(id: $id, enforcement: $enforcement, appeal: $appeal) { id enforcement appeal version }\n  }\n": typeof types.CreditUpdatePenaltyStatusDocument,
    "\n  mutation CreditPublishPenalty($id: String!, $publicSummary: String!) {\n    publishPenalty(id: $id, publicSummary: $publicSummary) { id state publishedAt publishedLate publicSummary version }\n  }\n": typeof types.CreditPublishPenaltyDocument,
    "query CreditPenaltyTypes { penaltyTypes { code zh } }": typeof types.CreditPenaltyTypesDocument,
    "mutation CreditRecordPenalty($input: PenaltyInput!) { recordPenalty(input: $input) { id caseNumber } }": typeof types.CreditRecordPenaltyDocument,
    "\n  query CreditPublicBlacklist($current: Boolean!, $search: String, $first: Int!, $offset: Int!) {\n    publicBlacklist(current: $current, search: $search, first: $first, offset: $offset) {\n      total\n      items { enterpriseName uscc county countyName trigger triggerName publishedAt startsAt endsAt removedAt state measures }\n    }\n  }\n": typeof types.CreditPublicBlacklistDocument,
    "\n  query CreditPublicPenalties($search: String, $first: Int!, $offset: Int!) {\n    publicPenalties(search: $search, first: $first, offset: $offset) {\n      total\n      items { caseNumber authority partyName partyUscc violation article penaltyType penaltyTypeName amountYuan decidedAt publishedAt publicSummary }\n    }\n  }\n": typeof types.CreditPublicPenaltiesDocument,
    "\n  query CreditPublicSearch($name: String!) {\n    publicCreditSearch(name: $name) { enterpriseName uscc countyName grade }\n  }\n": typeof types.CreditPublicSearchDocument,
    "\n  query CreditPublicProfile($uscc: String!) {\n    publicCreditProfile(uscc: $uscc) {\n      enterpriseName uscc countyName grade\n      reasons { code zh effect }\n      certificates { number grade validUntil status }\n      penalties { caseNumber authority partyName violation article penaltyTypeName amountYuan decidedAt publishedAt publicSummary }\n      listings { triggerName trigger publishedAt startsAt endsAt removedAt state measures }\n      commitments { text madeAt broken }\n    }\n  }\n": typeof types.CreditPublicProfileDocument,
    "query ChangeRequestEnterprise($id: String!) { enterprise(id: $id) { ...EnterpriseFields } }": typeof types.ChangeRequestEnterpriseDocument,
    "\n  query EnterpriseChangeRequests($status: String) {\n    enterpriseChangeRequests(status: $status) { id enterpriseId tenantCode requestedBy changes status reason decidedBy createdAt }\n  }\n": typeof types.EnterpriseChangeRequestsDocument,
    "\n  mutation DecideEnterpriseChange($input: DecideChangeInput!) {\n    decideEnterpriseChange(input: $input) { id status reason decidedBy }\n  }\n": typeof types.DecideEnterpriseChangeDocument,
    "\n  query EnterpriseDetail($id: String!) {\n    enterprise(id: $id) {\n      ...EnterpriseFields\n      history(first: 100) { totalCount nodes { cursor at actor operation changes } }\n    }\n  }\n": typeof types.EnterpriseDetailDocument,
    "\n  query EnterpriseHazards($id: String!) {\n    hazards(filter: { enterpriseId: $id }, first: 20) {\n      totalCount\n      nodes { id description level stateName foundAt overdue }\n    }\n  }\n": typeof types.EnterpriseHazardsDocument,
    "mutation CloseEnterprise($id: String!) { closeEnterprise(id: $id) { id status updatedAt } }": typeof types.CloseEnterpriseDocument,
    "mutation ReopenEnterprise($id: String!) { reopenEnterprise(id: $id) { id status updatedAt } }": typeof types.ReopenEnterpriseDocument,
    "\n  mutation TransferEnterprise($id: String!, $divisionCode: String!) {\n    transferEnterprise(id: $id, divisionCode: $divisionCode) { id tenantCode divisionCode updatedAt }\n  }\n": typeof types.TransferEnterpriseDocument,
    "\n  fragment EnterpriseFields on Enterprise {\n    id tenantCode uscc name legalRepresentative principal principalPhone safetyManager safetyManagerPhone\n    registeredAddress productionAddress divisionCode latitude longitude industry industryName industrySubtype gbt4754\n    registrationType sizeBand sizeBandOverridden aboveDesignatedSize staffCount revenueWan foundedOn status\n    safetyStaff safetyEngineers riskFlags maxHazardGrade createdAt updatedAt\n    licences { kind number scope issuedOn expiresOn }\n    division { code countyCode countyName cityCode cityName }\n    majorHazards { name rValue grade }\n  }\n": typeof types.EnterpriseFieldsFragmentDoc,
    "query EnterpriseForEdit($id: String!) { enterprise(id: $id) { ...EnterpriseFields } }": typeof types.EnterpriseForEditDocument,
    "mutation CreateEnterprise($input: EnterpriseInput!) { createEnterprise(input: $input) { ...EnterpriseFields } }": typeof types.CreateEnterpriseDocument,
    "mutation UpdateEnterprise($id: String!, $input: EnterpriseInput!) { updateEnterprise(id: $id, input: $input) { ...EnterpriseFields } }": typeof types.UpdateEnterpriseDocument,
    "\n  query EnterpriseHome($soon: String!, $decide: Boolean!, $jobs: Boolean!) {\n    all: enterprises(first: 1) { totalCount }\n    expiring: enterprises(filter: { licenceExpiringBefore: $soon }, first: 1) { totalCount }\n    grade1: enterprises(filter: { majorHazardGrade: 1 }, first: 1) { totalCount }\n    grade2: enterprises(filter: { majorHazardGrade: 2 }, first: 1) { totalCount }\n    pending: enterpriseChangeRequests(status: \"pending\") @include(if: $decide) { id }\n    running: jobs(status: \"running\", first: 100) @include(if: $jobs) { nodes { kind } }\n    queued: jobs(status: \"queued\", first: 100) @include(if: $jobs) { nodes { kind } }\n  }\n": typeof types.EnterpriseHomeDocument,
    "query ImportTenants { tenants(level: COUNTY, first: 200) { nodes { code name } } }": typeof types.ImportTenantsDocument,
    "\n  mutation ImportEnterprises($input: ImportEnterprisesInput!) {\n    importEnterprises(input: $input) { id status rowsRead }\n  }\n": typeof types.ImportEnterprisesDocument,
    "\n  query EnterpriseImportState($id: String!) {\n    enterpriseImport(id: $id) {\n      id tenantCode status rowsRead inserted updated unchanged rejected aborted rejections warnings error createdAt updatedAt\n    }\n  }\n": typeof types.EnterpriseImportStateDocument,
    "\n  query EnterpriseList($filter: EnterpriseFilter, $orderBy: EnterpriseSort!, $descending: Boolean!, $first: Int, $after: String) {\n    enterprises(filter: $filter, orderBy: $orderBy, descending: $descending, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id uscc name tenantCode industry industryName sizeBand status divisionCode principal principalPhone\n        productionAddress staffCount maxHazardGrade riskFlags updatedAt\n        licences { kind expiresOn }\n      }\n    }\n  }\n": typeof types.EnterpriseListDocument,
    "\n  query EnterpriseTenants { tenants(level: COUNTY, first: 200) { nodes { code name } } }\n": typeof types.EnterpriseTenantsDocument,
    "\n  query EnterpriseExport($filter: EnterpriseFilter, $format: ExchangeFormat!) { enterpriseExport(filter: $filter, format: $format) }\n": typeof types.EnterpriseExportDocument,
    "\n  query MyEnterprise {\n    myEnterprise { ...EnterpriseFields }\n    enterpriseChangeRequests { id enterpriseId tenantCode requestedBy changes status reason decidedBy createdAt }\n  }\n": typeof types.MyEnterpriseDocument,
    "\n  mutation SubmitEnterpriseChange($input: EnterpriseInput!) {\n    submitEnterpriseChange(input: $input) { id status createdAt }\n  }\n": typeof types.SubmitEnterpriseChangeDocument,
    "\n  query HazardAttachmentContent($hazardId: String!, $id: String!) {\n    hazardAttachmentContent(hazardId: $hazardId, id: $id)\n  }\n": typeof types.HazardAttachmentContentDocument,
    "mutation HazardRectify($id: String!, $input: RectificationInput!) { submitHazardRectification(id: $id, input: $input) { id state } }": typeof types.HazardRectifyDocument,
    "mutation HazardAccept($id: String!, $comment: String, $attachmentIds: [String!]) { acceptHazard(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }": typeof types.HazardAcceptDocument,
    "mutation HazardReturn($id: String!, $reason: String!, $attachmentIds: [String!]) { returnHazard(id: $id, reason: $reason, attachmentIds: $attachmentIds) { id state } }": typeof types.HazardReturnDocument,
    "mutation HazardVerify($id: String!, $input: VerifyHazardInput!) { verifyHazard(id: $id, input: $input) { id state } }": typeof types.HazardVerifyDocument,
    "mutation HazardListForSupervision($id: String!, $comment: String) { listHazard(id: $id, comment: $comment) { id state } }": typeof types.HazardListForSupervisionDocument,
    "mutation HazardFilePlan($id: String!, $plan: GovernancePlanInput!, $comment: String, $attachmentIds: [String!]) { fileHazardGovernancePlan(id: $id, plan: $plan, comment: $comment, attachmentIds: $attachmentIds) { id state } }": typeof types.HazardFilePlanDocument,
    "mutation HazardProgress($id: String!, $comment: String!, $attachmentIds: [String!]) { reportHazardProgress(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }": typeof types.HazardProgressDocument,
    "mutation HazardEvaluation($id: String!, $comment: String!, $attachmentIds: [String!]) { submitHazardEvaluation(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }": typeof types.HazardEvaluationDocument,
    "mutation HazardApplyToClose($id: String!, $comment: String, $attachmentIds: [String!]) { applyToCloseHazard(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }": typeof types.HazardApplyToCloseDocument,
    "mutation HazardSiteCheck($id: String!, $passed: Boolean!, $comment: String, $attachmentIds: [String!]) { recordHazardSiteCheck(id: $id, passed: $passed, comment: $comment, attachmentIds: $attachmentIds) { id state } }": typeof types.HazardSiteCheckDocument,
    "mutation HazardClose($id: String!, $comment: String) { closeHazard(id: $id, comment: $comment) { id state } }": typeof types.HazardCloseDocument,
    "\n  mutation HazardStepUpload($hazardId: String!, $file: Upload!) {\n    uploadHazardAttachment(hazardId: $hazardId, file: $file) { id }\n  }\n": typeof types.HazardStepUploadDocument,
    "\n  query HazardDetail($id: String!) {\n    hazard(id: $id) {\n      id tenantCode enterpriseId enterpriseUscc enterpriseName industry divisionCode source category level state stateName\n      description location foundAt reporter responsiblePerson measures deadline fundsWan contingencyPlan\n      majorReport { stateAndCause harmAndDifficulty }\n      governancePlan { goals measures fundsAndMaterials responsible timeLimit safetyAndEmergency }\n      listingLevel inspector overdue listed siteCheckDue version createdAt updatedAt closedAt\n      timeline { seq at actor action fromState toState comment attachmentIds }\n      attachments { id name contentType size uploadedBy createdAt }\n      nextActions\n    }\n    hazardTransitions { action fromState party }\n  }\n": typeof types.HazardDetailDocument,
    "\n  query HazardHomeFigures {\n    overdue: hazards(filter: { overdue: true, open: true }, first: 1) { totalCount }\n    awaiting: hazards(filter: { state: \"awaiting-acceptance\" }, first: 1) { totalCount }\n    listed: hazards(filter: { state: \"listed\", level: \"major\" }, first: 1) { totalCount }\n    open: hazards(filter: { open: true }, first: 1) { totalCount }\n  }\n": typeof types.HazardHomeFiguresDocument,
    "\n  query HazardList($filter: HazardFilter, $first: Int, $after: String) {\n    hazards(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id enterpriseName category level state stateName source description foundAt deadline overdue listed tenantCode\n      }\n    }\n  }\n": typeof types.HazardListDocument,
    "query HazardCategories { hazardRules { categories } }": typeof types.HazardCategoriesDocument,
    "\n  mutation ReportHazard($input: ReportHazardInput!) {\n    reportHazard(input: $input) { id state }\n  }\n": typeof types.ReportHazardDocument,
    "\n  mutation UploadHazardAttachment($hazardId: String!, $file: Upload!) {\n    uploadHazardAttachment(hazardId: $hazardId, file: $file) { id name contentType }\n  }\n": typeof types.UploadHazardAttachmentDocument,
    "\n  query HazardEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc tenantCode } }\n  }\n": typeof types.HazardEnterpriseSearchDocument,
    "query HazardReportRules { hazardRules { categories } }": typeof types.HazardReportRulesDocument,
    "\n  query HazardStats($filter: HazardStatsFilter) {\n    byDivision: hazardStatistics(filter: $filter, groupBy: DIVISION) {\n      division\n      total { key name found rectified open rectificationRate overdue onTime onTimeRate listed listedClosed }\n      rows { key name found rectified open rectificationRate overdue onTime onTimeRate listed listedClosed }\n    }\n    byMonth: hazardStatistics(filter: $filter, groupBy: MONTH) {\n      rows { key found rectified open overdue }\n    }\n  }\n": typeof types.HazardStatsDocument,
    "\n  query HazardStatsTenant($division: String!) {\n    tenant(code: $division) { code name level parent { code name level parent { code name level } } }\n  }\n": typeof types.HazardStatsTenantDocument,
    "\n  query HazardStatsCsv($filter: HazardStatsFilter) { hazardStatisticsCsv(filter: $filter, groupBy: DIVISION) }\n": typeof types.HazardStatsCsvDocument,
    "\n  query PublicHazardInbox($status: String, $first: Int, $after: String) {\n    publicHazardReports(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id county enterpriseName enterpriseUscc address description reporterName reporterPhone status reason hazardId createdAt }\n    }\n    hazardRules { categories }\n  }\n": typeof types.PublicHazardInboxDocument,
    "\n  mutation AcceptPublicHazardReport($id: String!, $input: ReportHazardInput!) {\n    acceptPublicHazardReport(id: $id, input: $input) { id }\n  }\n": typeof types.AcceptPublicHazardReportDocument,
    "\n  mutation DismissPublicHazardReport($id: String!, $reason: String!) {\n    dismissPublicHazardReport(id: $id, reason: $reason) { id status reason }\n  }\n": typeof types.DismissPublicHazardReportDocument,
    "\n  query PublicReportEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc } }\n  }\n": typeof types.PublicReportEnterpriseSearchDocument,
    "\n  query PluginInvocations($tenantCode: String!, $name: String!, $last: Int!) {\n    pluginInvocations(tenantCode: $tenantCode, name: $name, last: $last) {\n      id name version versionId hook at input output\n      failure { code message }\n      logs { level message }\n      fuelUsed durationMicros\n    }\n  }\n": typeof types.PluginInvocationsDocument,
    "\n  query PluginPolicy {\n    pluginPolicy {\n      hooks { name interface kind allowed }\n      ceilings { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      maxConcurrentPerTenant\n    }\n  }\n": typeof types.PluginPolicyDocument,
    "\n  mutation SetPluginPolicy($input: PluginPolicyInput!) {\n    setPluginPolicy(input: $input) {\n      hooks { name interface kind allowed }\n      ceilings { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      maxConcurrentPerTenant\n    }\n  }\n": typeof types.SetPluginPolicyDocument,
    "mutation BanPlugin($sha256: String!, $reason: String!) { banPlugin(sha256: $sha256, reason: $reason) }": typeof types.BanPluginDocument,
    "\n  query PluginSettings($tenantCode: String!, $name: String!) {\n    pluginSettings(tenantCode: $tenantCode, name: $name) {\n      tenantCode name position failOpen\n      limits { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      config { key value }\n    }\n  }\n": typeof types.PluginSettingsDocument,
    "\n  mutation ConfigurePlugin($input: ConfigurePluginInput!) {\n    configurePlugin(input: $input) {\n      tenantCode name position failOpen\n      limits { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      config { key value }\n    }\n  }\n": typeof types.ConfigurePluginDocument,
    "\n  mutation TestPlugin($id: String!, $hook: String!, $input: JSON, $replayOf: String) {\n    testPlugin(id: $id, hook: $hook, input: $input, replayOf: $replayOf) {\n      ok\n      output\n      failure { code message }\n      logs { level message }\n      fuelUsed\n      durationMicros\n      version { id state updatedAt }\n    }\n  }\n": typeof types.TestPluginDocument,
    "\n  mutation UploadPlugin($input: UploadPluginInput!, $file: Upload!) {\n    uploadPlugin(input: $input, file: $file) { id name version state compileStatus hooks sha256 }\n  }\n": typeof types.UploadPluginDocument,
    "\n  query PluginVersion($id: String!) {\n    pluginVersion(id: $id) {\n      id tenantCode name version author description hooks witVersion sha256 sizeBytes state compileStatus compileError\n      uploadedBy createdAt updatedAt\n    }\n  }\n": typeof types.PluginVersionDocument,
    "\n  query PluginSiblings($tenantCode: String!, $name: String!) {\n    pluginVersions(tenantCode: $tenantCode, name: $name) { id name version state compileStatus }\n  }\n": typeof types.PluginSiblingsDocument,
    "\n  query PluginVersions($tenantCode: String) {\n    pluginVersions(tenantCode: $tenantCode) {\n      id tenantCode name version author description hooks state compileStatus compileError uploadedBy createdAt updatedAt\n    }\n  }\n": typeof types.PluginVersionsDocument,
    "\n  query PluginCounties {\n    tenants(level: COUNTY, first: 100) { nodes { code name } }\n  }\n": typeof types.PluginCountiesDocument,
    "mutation ActivatePlugin($id: String!) { activatePlugin(id: $id) { id state updatedAt } }": typeof types.ActivatePluginDocument,
    "mutation DisablePlugin($id: String!) { disablePlugin(id: $id) { id state updatedAt } }": typeof types.DisablePluginDocument,
    "mutation RetirePlugin($id: String!) { retirePlugin(id: $id) { id state updatedAt } }": typeof types.RetirePluginDocument,
    "\n  query PublicHazardReportStatus($token: String!) {\n    publicHazardReport(token: $token) { reference status reason hazardState createdAt updatedAt }\n  }\n": typeof types.PublicHazardReportStatusDocument,
    "\n  mutation SubmitPublicHazardReport($input: PublicReportInput!) {\n    submitPublicHazardReport(input: $input) { reference token }\n  }\n": typeof types.SubmitPublicHazardReportDocument,
    "\n  query StdCertificateCheck($number: String!, $signature: String) {\n    certificateCheck(number: $number, signature: $signature) {\n      number enterpriseName grade industry issuedAt validUntil status signatureValid publicKey\n    }\n  }\n": typeof types.StdCertificateCheckDocument,
    "\n  query StdEnterpriseCertificates($enterpriseId: String!) {\n    standardizationCertificates(enterpriseId: $enterpriseId) { number grade status issuedAt validUntil }\n  }\n": typeof types.StdEnterpriseCertificatesDocument,
    "query StdDialogChecklists { standardizationChecklists { industry version inForce items } }": typeof types.StdDialogChecklistsDocument,
    "query StdDialogOrganisations { organisations(first: 100) { nodes { id kind name tenantCode disabled } } }": typeof types.StdDialogOrganisationsDocument,
    "\n  mutation StdSelfAssess($id: String!, $marks: [MarkInput!]!, $checklistVersion: String) {\n    selfAssessStandardization(id: $id, marks: $marks, checklistVersion: $checklistVersion) { id state selfScore }\n  }\n": typeof types.StdSelfAssessDocument,
    "\n  mutation StdStep($id: String!, $action: StdAction!, $comment: String, $reason: String, $missing: [String!]) {\n    standardizationStep(id: $id, action: $action, comment: $comment, reason: $reason, missing: $missing) { id state }\n  }\n": typeof types.StdStepDocument,
    "\n  mutation StdAssign($id: String!, $reviewUnitId: String!, $organiserId: String!) {\n    assignStandardizationReview(id: $id, reviewUnitId: $reviewUnitId, organiserId: $organiserId) { id state }\n  }\n": typeof types.StdAssignDocument,
    "\n  mutation StdReview($id: String!, $reviewers: [ReviewerInput!]!, $marks: [MarkInput!]!) {\n    recordStandardizationReview(id: $id, reviewers: $reviewers, marks: $marks) { id state reviewScore achievedGrade }\n  }\n": typeof types.StdReviewDocument,
    "\n  mutation StdObjection($id: String!, $text: String!) { recordStandardizationObjection(id: $id, text: $text) { id state } }\n": typeof types.StdObjectionDocument,
    "\n  mutation StdResolveObjection($id: String!, $objectionId: String!, $resolution: String!) {\n    resolveStandardizationObjection(id: $id, objectionId: $objectionId, resolution: $resolution) { id state }\n  }\n": typeof types.StdResolveObjectionDocument,
    "\n  mutation StdIssue($id: String!) {\n    issueStandardizationCertificate(id: $id) { number grade status signature qrPayload canonical issuedAt validUntil enterpriseName }\n  }\n": typeof types.StdIssueDocument,
    "\n  mutation StdApply($input: ApplyInput!) {\n    applyForStandardization(input: $input) { id state }\n  }\n": typeof types.StdApplyDocument,
    "\n  query StdChecklists { standardizationChecklists { industry version name standard fullScore itemCount inForce loadedAt } }\n": typeof types.StdChecklistsDocument,
    "\n  mutation StdLoadChecklist($checklist: String!) {\n    loadStandardizationChecklist(checklist: $checklist) { industry version inForce itemCount }\n  }\n": typeof types.StdLoadChecklistDocument,
    "\n  query StdApplicationDetail($id: String!) {\n    standardizationApplication(id: $id) {\n      id tenantCode enterpriseId enterpriseName enterpriseUscc industry appliedGrade state stateName systemRunSince deaths\n      seriousAccidents checklistVersion selfScore reviewScore achievedGrade reviewUnitId organiserId review refusal\n      objections { id at text resolution }\n      dueAt overdue noticeEndsAt certificateNumber version updatedAt actions\n      timeline { seq at actor action fromState toState comment details }\n    }\n  }\n": typeof types.StdApplicationDetailDocument,
    "\n  query StdHomeFigures { standardizationStatistics { total overdue byState { key count } } }\n": typeof types.StdHomeFiguresDocument,
    "\n  query StdApplicationList($state: String, $overdue: Boolean, $first: Int, $after: String) {\n    standardizationApplications(state: $state, overdue: $overdue, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id enterpriseName appliedGrade achievedGrade state stateName selfScore reviewScore dueAt overdue certificateNumber }\n    }\n  }\n": typeof types.StdApplicationListDocument,
    "\n  query StdRules { standardizationRules }\n": typeof types.StdRulesDocument,
    "\n  mutation StdSetRules($rules: JSON!) { setStandardizationRules(rules: $rules) }\n": typeof types.StdSetRulesDocument,
    "\n  query StdCertificatePdf($enterpriseId: String!) {\n    standardizationCertificates(enterpriseId: $enterpriseId) { number pdf }\n  }\n": typeof types.StdCertificatePdfDocument,
    "\n  query TrainingResultAttempt($id: String!) {\n    trainingSession(id: $id) { id bookings { candidate { id } attempt { id state answered total } } }\n  }\n": typeof types.TrainingResultAttemptDocument,
    "\n  query TrainingAnswerLog($attemptId: String!) { trainingAnswerLog(attemptId: $attemptId) { seq no answer marked at } }\n": typeof types.TrainingAnswerLogDocument,
    "\n  mutation TrainingSaveBlueprint($input: BlueprintInput!) {\n    trainingSaveBlueprint(input: $input) {\n      id name category operationItem durationMinutes multiplePartial total version\n      parts { kind count points knowledgePoint difficulty }\n    }\n  }\n": typeof types.TrainingSaveBlueprintDocument,
    "\n  query TrainingBlueprints {\n    trainingBlueprints {\n      id name category operationItem durationMinutes multiplePartial total version\n      parts { kind count points knowledgePoint difficulty }\n    }\n  }\n": typeof types.TrainingBlueprintsDocument,
    "\n  mutation TrainingRecordHours($input: HoursInput!) { trainingRecordHours(input: $input) { id hours requiredHours eligible } }\n": typeof types.TrainingRecordHoursDocument,
    "\n  mutation TrainingExempt($candidateId: String!, $reason: String!) { trainingExempt(candidateId: $candidateId, reason: $reason) { id exemption eligible } }\n": typeof types.TrainingExemptDocument,
    "\n  query TrainingCandidateDetail($id: String!) {\n    trainingCandidate(id: $id) {\n      id tenantId name idNumberMasked enterpriseUscc category operationItem operationName highRisk refresher\n      hours requiredHours exemption eligible needsRetraining createdAt\n      training { institution course hours date }\n      results { id attemptNo sessionId theoryScore practicalScore passed validUntil at }\n      certificates { number status issuedAt validUntil nextReviewAt }\n    }\n  }\n": typeof types.TrainingCandidateDetailDocument,
    "\n  mutation TrainingIssueCertificate($candidateId: String!) { trainingIssueCertificate(candidateId: $candidateId) { number validUntil } }\n": typeof types.TrainingIssueCertificateDocument,
    "\n  mutation TrainingRegisterCandidate($input: CandidateInput!) { trainingRegisterCandidate(input: $input) { id name } }\n": typeof types.TrainingRegisterCandidateDocument,
    "\n  query TrainingCandidates($first: Int, $after: String, $search: String, $category: TrainingCategory) {\n    trainingCandidates(first: $first, after: $after, search: $search, category: $category) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name idNumberMasked enterpriseUscc category operationItem operationName highRisk refresher\n          hours requiredHours exemption eligible needsRetraining createdAt\n        }\n      }\n    }\n  }\n": typeof types.TrainingCandidatesDocument,
    "\n  mutation TrainingReviewCertificate($number: String!, $passed: Boolean!, $note: String!) {\n    trainingReviewCertificate(number: $number, passed: $passed, note: $note) { number status nextReviewAt }\n  }\n": typeof types.TrainingReviewCertificateDocument,
    "\n  mutation TrainingRenewCertificate($number: String!) { trainingRenewCertificate(number: $number) { number status validUntil } }\n": typeof types.TrainingRenewCertificateDocument,
    "\n  mutation TrainingSuspendCertificate($number: String!, $reason: String!) {\n    trainingSuspendCertificate(number: $number, reason: $reason) { number status }\n  }\n": typeof types.TrainingSuspendCertificateDocument,
    "\n  mutation TrainingRevokeCertificate($number: String!, $reason: RevokeReason!, $note: String!) {\n    trainingRevokeCertificate(number: $number, reason: $reason, note: $note) { number status }\n  }\n": typeof types.TrainingRevokeCertificateDocument,
    "\n  query TrainingCertificateCheck($number: String!, $idNumber: String!) {\n    trainingCertificateCheck(number: $number, idNumber: $idNumber) {\n      number name idNumberMasked category operationName validUntil nextReviewAt status signatureValid\n    }\n  }\n": typeof types.TrainingCertificateCheckDocument,
    "\n  query TrainingCertificates($first: Int, $after: String, $status: TrainingCertStatus, $reviewDueBefore: String) {\n    trainingCertificates(first: $first, after: $after, status: $status, reviewDueBefore: $reviewDueBefore) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          number candidateId candidateName idNumberMasked category operationItem issuedAt validUntil nextReviewAt status\n          history { action note at by }\n        }\n      }\n    }\n  }\n": typeof types.TrainingCertificatesDocument,
    "\n  mutation ExamLoginTicket($ticket: String!, $idNumber: String!) {\n    examLogin(ticket: $ticket, idNumber: $idNumber) { token candidateName centre startsAt durationMinutes }\n  }\n": typeof types.ExamLoginTicketDocument,
    "\n  mutation ExamStart($token: String!) {\n    examStart(token: $token) {\n      id state startedAt deadline remainingSeconds autosaveSeconds score passed\n      questions { no kind stem points options { key text } }\n      answers { no answer marked }\n    }\n  }\n": typeof types.ExamStartDocument,
    "\n  query ExamResult($token: String!) { examAttempt(token: $token) { id state remainingSeconds score passed } }\n": typeof types.ExamResultDocument,
    "\n  query ExamResync($token: String!) { examAttempt(token: $token) { id state remainingSeconds score passed } }\n": typeof types.ExamResyncDocument,
    "\n  mutation ExamSubmit($token: String!) {\n    examSubmit(token: $token) { id state startedAt deadline remainingSeconds score passed }\n  }\n": typeof types.ExamSubmitDocument,
    "\n  query TrainingMyExams {\n    myExams {\n      sessionId centre startsAt durationMinutes state ticket\n      attempt { id state remainingSeconds answered total score passed }\n    }\n  }\n": typeof types.TrainingMyExamsDocument,
    "\n  mutation ExamLoginAsUser($sessionId: String!) {\n    examLoginAsUser(sessionId: $sessionId) { token candidateName centre startsAt durationMinutes }\n  }\n": typeof types.ExamLoginAsUserDocument,
    "\n  query TrainingSessionDetail($id: String!) {\n    trainingSession(id: $id) {\n      id tenantId centre seats startsAt windowMinutes state\n      blueprint { id name category operationItem durationMinutes total }\n      bookings {\n        ticket admittedLate\n        candidate { id name idNumberMasked category operationItem }\n        attempt { id state startedAt deadline remainingSeconds answered total score passed }\n      }\n      incidents { id candidateId note at by }\n    }\n  }\n": typeof types.TrainingSessionDetailDocument,
    "mutation TrainingOpenSession($id: String!) { trainingOpenSession(id: $id) { id state } }": typeof types.TrainingOpenSessionDocument,
    "mutation TrainingCloseSession($id: String!) { trainingCloseSession(id: $id) { id state } }": typeof types.TrainingCloseSessionDocument,
    "\n  mutation TrainingAdmitLate($sessionId: String!, $candidateId: String!) { trainingAdmitLate(sessionId: $sessionId, candidateId: $candidateId) { id } }\n": typeof types.TrainingAdmitLateDocument,
    "mutation TrainingForceSubmit($attemptId: String!) { trainingForceSubmit(attemptId: $attemptId) { id state score passed } }": typeof types.TrainingForceSubmitDocument,
    "\n  mutation TrainingRecordIncident($sessionId: String!, $candidateId: String, $note: String!) {\n    trainingRecordIncident(sessionId: $sessionId, candidateId: $candidateId, note: $note) { id incidents { id } }\n  }\n": typeof types.TrainingRecordIncidentDocument,
    "\n  mutation TrainingImportQuestions($file: String!, $format: BankFormat!, $dryRun: Boolean) {\n    trainingImportQuestions(file: $file, format: $format, dryRun: $dryRun) {\n      rows inserted updated unchanged rejected dryRun\n      rejections { row column value messageZh messageEn }\n    }\n  }\n": typeof types.TrainingImportQuestionsDocument,
    "\n  query TrainingQuestions($first: Int, $after: String, $category: TrainingCategory, $search: String) {\n    trainingQuestions(first: $first, after: $after, category: $category, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id version kind category operationItem knowledgePoint difficulty stem answer explanation\n          options { key text }\n        }\n      }\n    }\n  }\n": typeof types.TrainingQuestionsDocument,
    "query TrainingExportQuestions($format: BankFormat!) { trainingExportQuestions(format: $format) }": typeof types.TrainingExportQuestionsDocument,
    "\n  query TrainingResults($sessionId: String, $candidateId: String) {\n    trainingResults(sessionId: $sessionId, candidateId: $candidateId) {\n      id candidateId candidateName category operationItem attemptNo sessionId theoryScore practicalScore passed validUntil at\n    }\n  }\n": typeof types.TrainingResultsDocument,
    "query TrainingResultSessions { trainingSessions { id centre startsAt state } }": typeof types.TrainingResultSessionsDocument,
    "\n  mutation TrainingRecordPractical($resultId: String!, $score: Float!) {\n    trainingRecordPractical(resultId: $resultId, score: $score) { id practicalScore passed validUntil }\n  }\n": typeof types.TrainingRecordPracticalDocument,
    "\n  query TrainingSessions {\n    trainingSessions {\n      id centre seats startsAt windowMinutes state\n      blueprint { id name category durationMinutes }\n      bookings { ticket candidate { id } attempt { id state } }\n    }\n  }\n": typeof types.TrainingSessionsDocument,
    "query TrainingBlueprintOptions { trainingBlueprints { id name category operationItem durationMinutes total } }": typeof types.TrainingBlueprintOptionsDocument,
    "\n  mutation TrainingCreateSession($input: SessionInput!) { trainingCreateSession(input: $input) { id } }\n": typeof types.TrainingCreateSessionDocument,
    "\n  query TrainingCandidateSearch($search: String, $first: Int) {\n    trainingCandidates(search: $search, first: $first) {\n      edges { node { id name idNumberMasked category operationItem eligible } }\n    }\n  }\n": typeof types.TrainingCandidateSearchDocument,
    "\n  mutation TrainingBook($sessionId: String!, $candidateIds: [String!]!) {\n    trainingBook(sessionId: $sessionId, candidateIds: $candidateIds) { id bookings { ticket candidate { id } } }\n  }\n": typeof types.TrainingBookDocument,
    "\n  query TrainingStats {\n    trainingStats {\n      byCategory { key label sat passed rate }\n      byOperationItem { key label sat passed rate }\n      byInstitution { key label sat passed rate }\n      byCentre { key label sat passed rate }\n      byCounty { key label sat passed rate }\n      flaggedQuestions { id stem answered correct rate flag }\n      dueForReview { month count }\n    }\n  }\n": typeof types.TrainingStatsDocument,
    "query TrainingHomeExams { myExams { sessionId state attempt { state } } }": typeof types.TrainingHomeExamsDocument,
    "\n  mutation ExamSave($token: String!, $no: Int!, $answer: [String!]!, $marked: Boolean) {\n    examSave(token: $token, no: $no, answer: $answer, marked: $marked) { no seq savedAt remainingSeconds }\n  }\n": typeof types.ExamSaveDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) }\n": typeof types.ChangePasswordDocument,
    "\n  query HomeUnread { notifications(unreadOnly: true, first: 1) { totalCount } }\n": typeof types.HomeUnreadDocument,
    "\n  query Inbox($unreadOnly: Boolean!, $first: Int, $after: String) {\n    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id kind title body link createdAt readAt }\n    }\n  }\n": typeof types.InboxDocument,
    "mutation MarkRead($input: IdInput!) { markNotificationRead(input: $input) { id readAt } }": typeof types.MarkReadDocument,
    "mutation MarkAllRead { markAllNotificationsRead }": typeof types.MarkAllReadDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles\n      permissions\n      passwordExpired\n      organisationId\n      visibleTenantCodes\n      tenant { code name level }\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token expiresAt refreshToken refreshExpiresAt }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Refresh($input: RefreshTokenInput!) {\n    refreshToken(input: $input) { token expiresAt refreshToken refreshExpiresAt }\n  }\n": typeof types.RefreshDocument,
    "\n  mutation Logout { logout }\n": typeof types.LogoutDocument,
};
const documents: Documents = {
    "\n  query UnreadCount { notifications(unreadOnly: true, first: 1) { totalCount } }\n": types.UnreadCountDocument,
    "\n  subscription NotificationAdded { notificationAdded { id title } }\n": types.NotificationAddedDocument,
    "mutation AccidentAcknowledge($id: String!) { acknowledgeAccident(id: $id) { id state reachedLevel version } }": types.AccidentAcknowledgeDocument,
    "mutation AccidentPassUp($id: String!) { passAccidentUp(id: $id) { id state reachedLevel version } }": types.AccidentPassUpDocument,
    "\n  mutation AccidentFollowUp($id: String!, $input: AccidentFollowUpInput!) {\n    followUpAccident(id: $id, input: $input) { id grade deaths version }\n  }\n": types.AccidentFollowUpDocument,
    "\n  mutation AccidentDecideFollowUp($id: String!, $seq: Int!, $approve: Boolean!, $reason: String) {\n    decideAccidentFollowUp(id: $id, seq: $seq, approve: $approve, reason: $reason) { id grade version }\n  }\n": types.AccidentDecideFollowUpDocument,
    "\n  mutation AccidentFinding($id: String!, $kind: AccidentFindingKind!, $detail: String!) {\n    recordAccidentFinding(id: $id, kind: $kind, detail: $detail) { id version }\n  }\n": types.AccidentFindingDocument,
    "\n  mutation AccidentExtend($id: String!, $reason: String!) { extendAccidentInvestigation(id: $id, reason: $reason) { id extended version } }\n": types.AccidentExtendDocument,
    "\n  mutation AccidentSubmitInvestigation($id: String!, $input: InvestigationReportInput!) {\n    submitAccidentInvestigation(id: $id, input: $input) { id state version }\n  }\n": types.AccidentSubmitInvestigationDocument,
    "mutation AccidentApproveInvestigation($id: String!) { approveAccidentInvestigation(id: $id) { id state version } }": types.AccidentApproveInvestigationDocument,
    "\n  mutation AccidentClose($id: String!, $rectification: String!) { closeAccident(id: $id, rectification: $rectification) { id state version } }\n": types.AccidentCloseDocument,
    "\n  query AccidentBoard {\n    accidentClocks(first: 200) { accidentId tenantCode kind kindName startedAt dueAt late secondsLeft }\n    accidents(first: 100) { nodes { id unitName grade } }\n  }\n": types.AccidentBoardDocument,
    "query AccidentBoardOne($id: String!) { accident(id: $id) { id unitName grade } }": types.AccidentBoardOneDocument,
    "\n  query AccidentDetail($id: String!) {\n    accident(id: $id) {\n      id tenantCode enterpriseId unitName unitUscc unitAddress divisionCode occurredAt place accidentType accidentTypeName roadTraffic\n      industry industrySection industrySectionName size deaths missing seriousInjuries minorInjuries directLossWan\n      grade state summary cause measures reporter reporterPhone unitReportedAt reportedAt reachedLevel reportTo mustPassUp investigatedBy\n      acknowledgements investigation extended rectification version createdBy\n      timeline { seq at actor action details }\n      clocks { kind kindName startedAt dueAt doneAt doneBy late automatic secondsLeft }\n      followUps { seq at by before after note late status decidedBy decidedAt }\n      findings { seq kind kindName subject detail at by }\n    }\n    accidentRules\n  }\n": types.AccidentDetailDocument,
    "\n  query AccidentHomeFigures { accidentClocks(first: 500) { accidentId kind late } }\n": types.AccidentHomeFiguresDocument,
    "\n  query AccidentList($state: String, $grade: String, $fromMonth: String, $toMonth: String, $first: Int, $after: String) {\n    accidents(state: $state, grade: $grade, fromMonth: $fromMonth, toMonth: $toMonth, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id occurredAt unitName accidentType accidentTypeName grade state deaths missing reachedLevel mustPassUp tenantCode }\n    }\n  }\n": types.AccidentListDocument,
    "\n  mutation ReportAccident($input: ReportAccidentInput!) {\n    reportAccident(input: $input) { id grade state }\n  }\n": types.ReportAccidentDocument,
    "query AccidentReportMeta { accidentRules accidentCodes }": types.AccidentReportMetaDocument,
    "query AccidentOwnEnterprise { myEnterprise { id name uscc gbt4754 } }": types.AccidentOwnEnterpriseDocument,
    "\n  query AccidentEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc gbt4754 } }\n  }\n": types.AccidentEnterpriseSearchDocument,
    "query AccidentRulesPage { accidentRules accidentDenominators }": types.AccidentRulesPageDocument,
    "mutation AccidentSetRules($rules: JSON!) { setAccidentRules(rules: $rules) }": types.AccidentSetRulesDocument,
    "\n  mutation AccidentSetDenominators($year: Int!, $entries: [AccidentDenominatorInput!]!) { setAccidentDenominators(year: $year, entries: $entries) }\n": types.AccidentSetDenominatorsDocument,
    "\n  query AccidentDivisionTree($code: String!) {\n    tenant(code: $code) {\n      code name level\n      children(first: 100) { nodes { code name level children(first: 100) { nodes { code name level } } } }\n    }\n  }\n": types.AccidentDivisionTreeDocument,
    "\n  query AccidentStats($year: Int!, $quarter: Int, $month: Int, $by: AccidentDimension!, $division: String) {\n    accidentStatistics(year: $year, quarter: $quarter, month: $month, by: $by, division: $division) {\n      period division divisionName closed csv\n      rows {\n        key label revised yoyAccidents yoyDeaths momAccidents momDeaths deathsPer100mGdp deathsPer100kWorkers\n        current { accidents deaths seriousInjuries minorInjuries lossWan }\n        lastYear { accidents deaths }\n        previous { accidents deaths }\n        published { accidents deaths seriousInjuries lossWan }\n      }\n      total {\n        key label revised yoyAccidents yoyDeaths momAccidents momDeaths deathsPer100mGdp deathsPer100kWorkers\n        current { accidents deaths seriousInjuries minorInjuries lossWan }\n        lastYear { accidents deaths }\n        previous { accidents deaths }\n        published { accidents deaths seriousInjuries lossWan }\n      }\n    }\n    accidentTrend(year: $year, division: $division) {\n      month\n      current { accidents deaths }\n      lastYear { accidents deaths }\n    }\n  }\n": types.AccidentStatsDocument,
    "\n  query AccidentStatsTenant($division: String!) {\n    tenant(code: $division) { code name level parent { code name level parent { code name level } } }\n  }\n": types.AccidentStatsTenantDocument,
    "\n  query AccidentMonthlyReport($year: Int!, $month: Int!, $division: String) { accidentMonthlyReport(year: $year, month: $month, division: $division) }\n": types.AccidentMonthlyReportDocument,
    "\n  mutation AccidentCloseMonth($year: Int!, $month: Int!, $division: String) { closeAccidentMonth(year: $year, month: $month, division: $division) }\n": types.AccidentCloseMonthDocument,
    "\n  query AdminAuditLog($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        tenantCode\n        seq\n        id\n        at\n        actor\n        actorTenant\n        operation\n        targetType\n        targetId\n        changes\n        requestId\n        clientAddr\n        hashAlgorithm\n        prevHash\n        hash\n      }\n    }\n  }\n": types.AdminAuditLogDocument,
    "\n  query AdminAuditVerification($tenantCode: String) {\n    auditVerification(tenantCode: $tenantCode) { intact tenants records firstBreak { tenantCode seq reason } }\n  }\n": types.AdminAuditVerificationDocument,
    "\n  query AdminAuditExport($filter: AuditFilter) { auditExport(filter: $filter) { csv rows sha256 } }\n": types.AdminAuditExportDocument,
    "\n  query AdminJobs($first: Int, $after: String, $status: String) {\n    jobs(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode kind status runAt attempts maxAttempts lastError updatedAt }\n    }\n  }\n": types.AdminJobsDocument,
    "\n  query AdminOrganisations($first: Int, $after: String) {\n    organisations(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode kind name uscc disabled }\n    }\n  }\n": types.AdminOrganisationsDocument,
    "\n  query AdminGrants($first: Int, $after: String) {\n    grants(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode organisationId organisationTenantCode role recordType recordId validUntil revoked }\n    }\n  }\n": types.AdminGrantsDocument,
    "query AdminGrantRoles { roles { name adminGroup } }": types.AdminGrantRolesDocument,
    "query AdminAllOrganisations { organisations(first: 100) { nodes { id name tenantCode } } }": types.AdminAllOrganisationsDocument,
    "\n  mutation AdminCreateOrganisation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }\n": types.AdminCreateOrganisationDocument,
    "mutation AdminGrantOrganisation($input: GrantOrganisationInput!) { grantOrganisation(input: $input) { id } }": types.AdminGrantOrganisationDocument,
    "mutation AdminRevokeGrant($input: IdInput!) { revokeGrant(input: $input) { id revoked } }": types.AdminRevokeGrantDocument,
    "\n  query AdminSecurityPolicy {\n    securityPolicy {\n      passwordMinLength\n      passwordMinClasses\n      passwordMaxAgeDays\n      sessionAccessTtlMinutes\n      sessionIdleTimeoutMinutes\n      sessionRefreshTtlMinutes\n      loginMaxFailuresPerAccount\n      loginMaxFailuresPerAddress\n      loginWindowSeconds\n    }\n  }\n": types.AdminSecurityPolicyDocument,
    "\n  mutation AdminUpdateSecurityPolicy($input: SecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      passwordMinLength\n      passwordMinClasses\n      passwordMaxAgeDays\n      sessionAccessTtlMinutes\n      sessionIdleTimeoutMinutes\n      sessionRefreshTtlMinutes\n      loginMaxFailuresPerAccount\n      loginMaxFailuresPerAddress\n      loginWindowSeconds\n    }\n  }\n": types.AdminUpdateSecurityPolicyDocument,
    "mutation AdminCreateTenant($input: CreateTenantInput!) { createTenant(input: $input) { code } }": types.AdminCreateTenantDocument,
    "mutation AdminRenameTenant($input: RenameTenantInput!) { renameTenant(input: $input) { code name } }": types.AdminRenameTenantDocument,
    "mutation AdminRetireTenant($input: RetireTenantInput!) { retireTenant(input: $input) { code retired } }": types.AdminRetireTenantDocument,
    "mutation AdminMergeTenants($input: MergeTenantsInput!) { mergeTenants(input: $input) { code retired } }": types.AdminMergeTenantsDocument,
    "\n  query AdminTenantHistory($code: String!) {\n    tenant(code: $code) { code name history(first: 100) { nodes { at action detail actor } } }\n  }\n": types.AdminTenantHistoryDocument,
    "\n  query AdminUsers($first: Int, $after: String, $tenantCode: String) {\n    users(first: $first, after: $after, tenantCode: $tenantCode) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        username\n        displayName\n        disabled\n        createdAt\n        organisationId\n        roles\n        tenant { code name level }\n      }\n    }\n  }\n": types.AdminUsersDocument,
    "query AdminRoles { roles { name adminGroup } }": types.AdminRolesDocument,
    "\n  query AdminOrgOptions { organisations(first: 100) { nodes { id name tenantCode kind disabled } } }\n": types.AdminOrgOptionsDocument,
    "\n  mutation AdminCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n": types.AdminCreateUserDocument,
    "\n  mutation AdminSetUserDisabled($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { id disabled } }\n": types.AdminSetUserDisabledDocument,
    "\n  mutation AdminResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { id } }\n": types.AdminResetPasswordDocument,
    "\n  mutation AdminAssignRole($input: RoleInput!) {\n    assignRole(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n": types.AdminAssignRoleDocument,
    "\n  mutation AdminRevokeRole($input: RoleInput!) {\n    revokeRole(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n": types.AdminRevokeRoleDocument,
    "\n  query AdminTenants($first: Int, $after: String, $includeRetired: Boolean!) {\n    tenants(first: $first, after: $after, includeRetired: $includeRetired) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        code\n        name\n        departmentName\n        level\n        retired\n        validFrom\n        validTo\n        parent { code name }\n        successor { code name }\n      }\n    }\n  }\n": types.AdminTenantsDocument,
    "\n  query CreditEnterprisePanel($enterpriseId: String!) {\n    creditGrade(enterpriseId: $enterpriseId) { enterpriseId grade reasons { code zh effect } computedAt }\n    commitments(enterpriseId: $enterpriseId) { id text madeAt brokenAt brokenReason }\n    creditListings(enterpriseId: $enterpriseId, first: 10) { total items { id triggerName trigger state stateName proposedAt } }\n  }\n": types.CreditEnterprisePanelDocument,
    "mutation CreditMakeCommitment($enterpriseId: String!, $text: String!) { makeCommitment(enterpriseId: $enterpriseId, text: $text) { id } }": types.CreditMakeCommitmentDocument,
    "mutation CreditBreakCommitment($id: String!, $reason: String!) { breakCommitment(id: $id, reason: $reason) { id brokenAt } }": types.CreditBreakCommitmentDocument,
    "\n  query CreditEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc } }\n  }\n": types.CreditEnterpriseSearchDocument,
    "\n  query CreditEvents($county: String, $enterpriseId: String, $unlisted: Boolean, $first: Int!, $offset: Int!) {\n    creditEvents(county: $county, enterpriseId: $enterpriseId, unlisted: $unlisted, first: $first, offset: $offset) {\n      total\n      items { id county enterpriseId enterpriseName uscc source trigger triggerName refId detail occurredAt listingId proposable withdrawnAt withdrawnReason }\n    }\n  }\n": types.CreditEventsDocument,
    "query CreditTriggers { creditTriggers { code zh propose termMonths } }": types.CreditTriggersDocument,
    "\n  mutation CreditProposeListing($input: ProposeListingInput!) { proposeListing(input: $input) { id state } }\n": types.CreditProposeListingDocument,
    "\n  mutation CreditRecordEvent($input: CreditEventInput!) { recordCreditEvent(input: $input) { id enterpriseName listingId } }\n": types.CreditRecordEventDocument,
    "mutation CreditNotifyListing($id: String!) { notifyListing(id: $id) { id state version } }": types.CreditNotifyListingDocument,
    "mutation CreditStateDefence($id: String!, $defence: String!) { stateListingDefence(id: $id, defence: $defence) { id state version } }": types.CreditStateDefenceDocument,
    "mutation CreditDecideListing($id: String!, $list: Boolean!, $answer: String!) { decideListing(id: $id, list: $list, answer: $answer) { id state version } }": types.CreditDecideListingDocument,
    "mutation CreditPublishListing($id: String!) { publishListing(id: $id) { id state version } }": types.CreditPublishListingDocument,
    "mutation CreditApplyRemoval($id: String!, $kind: String!, $statement: String!) { applyListingRemoval(id: $id, kind: $kind, statement: $statement) { id state version } }": types.CreditApplyRemovalDocument,
    "\n  mutation CreditReviewRemoval($id: String!, $outcome: String!, $note: String!, $extendMonths: Int) {\n    reviewListingRemoval(id: $id, outcome: $outcome, note: $note, extendMonths: $extendMonths) { id state version }\n  }\n": types.CreditReviewRemovalDocument,
    "mutation CreditCompleteTask($id: String!, $note: String!) { completeCreditTask(id: $id, note: $note) { id doneAt } }": types.CreditCompleteTaskDocument,
    "\n  query CreditListing($id: String!) {\n    creditListing(id: $id) {\n      id county countyName enterpriseId enterpriseName uscc trigger triggerName state stateName reason termMonths measures\n      proposedAt proposedBy notifiedAt defenceDueAt defence defenceAt defenceAnswer decidedAt decidedBy publishedAt startsAt endsAt\n      removalKind removalStatement removalAppliedAt reviewNote removedAt canDecide removalWindowOpensAt earlyRepairFrom version\n      events { id source trigger triggerName refId detail occurredAt withdrawnAt withdrawnReason }\n      steps { at actor action note }\n      tasks { id kind dueAt doneAt doneBy note }\n    }\n  }\n": types.CreditListingDocument,
    "\n  query CreditListings($state: String, $county: String, $enterpriseId: String, $first: Int!, $offset: Int!) {\n    creditListings(state: $state, county: $county, enterpriseId: $enterpriseId, first: $first, offset: $offset) {\n      total\n      items { id county countyName enterpriseId enterpriseName uscc trigger triggerName state stateName proposedAt decidedAt startsAt endsAt }\n    }\n  }\n": types.CreditListingsDocument,
    "\n  query CreditPenalties($county: String, $year: Int, $search: String, $first: Int!, $offset: Int!) {\n    penalties(county: $county, year: $year, search: $search, first: $first, offset: $offset) {\n      total\n      items {\n        id county caseNumber year partyKind partyName partyUscc penaltyType penaltyTypeName amountYuan decidedAt\n        enforcement appeal state publishDueAt publishedAt publishedLate\n      }\n    }\n  }\n": types.CreditPenaltiesDocument,
    "\n  query CreditPenalty($id: String!) {\n    penalty(id: $id) {\n      id county caseNumber year partyKind enterpriseId partyName partyUscc personIdNumber violation article penaltyType penaltyTypeName\n      amountYuan decidedAt enforcement appeal documents workingWhileStopped state publishDueAt publishedAt publishedLate publicSummary version\n    }\n  }\n": types.CreditPenaltyDocument,
    "\n  mutation CreditUpdatePenaltyStatus($id: String!, $enforcement: String, $appeal: String) {\n    updatePenaltyStatus(id: $id, enforcement: $enforcement, appeal: $appeal) { id enforcement appeal version }\n  }\n": types.CreditUpdatePenaltyStatusDocument,
    "\n  mutation CreditPublishPenalty($id: String!, $publicSummary: String!) {\n    publishPenalty(id: $id, publicSummary: $publicSummary) { id state publishedAt publishedLate publicSummary version }\n  }\n": types.CreditPublishPenaltyDocument,
    "query CreditPenaltyTypes { penaltyTypes { code zh } }": types.CreditPenaltyTypesDocument,
    "mutation CreditRecordPenalty($input: PenaltyInput!) { recordPenalty(input: $input) { id caseNumber } }": types.CreditRecordPenaltyDocument,
    "\n  query CreditPublicBlacklist($current: Boolean!, $search: String, $first: Int!, $offset: Int!) {\n    publicBlacklist(current: $current, search: $search, first: $first, offset: $offset) {\n      total\n      items { enterpriseName uscc county countyName trigger triggerName publishedAt startsAt endsAt removedAt state measures }\n    }\n  }\n": types.CreditPublicBlacklistDocument,
    "\n  query CreditPublicPenalties($search: String, $first: Int!, $offset: Int!) {\n    publicPenalties(search: $search, first: $first, offset: $offset) {\n      total\n      items { caseNumber authority partyName partyUscc violation article penaltyType penaltyTypeName amountYuan decidedAt publishedAt publicSummary }\n    }\n  }\n": types.CreditPublicPenaltiesDocument,
    "\n  query CreditPublicSearch($name: String!) {\n    publicCreditSearch(name: $name) { enterpriseName uscc countyName grade }\n  }\n": types.CreditPublicSearchDocument,
    "\n  query CreditPublicProfile($uscc: String!) {\n    publicCreditProfile(uscc: $uscc) {\n      enterpriseName uscc countyName grade\n      reasons { code zh effect }\n      certificates { number grade validUntil status }\n      penalties { caseNumber authority partyName violation article penaltyTypeName amountYuan decidedAt publishedAt publicSummary }\n      listings { triggerName trigger publishedAt startsAt endsAt removedAt state measures }\n      commitments { text madeAt broken }\n    }\n  }\n": types.CreditPublicProfileDocument,
    "query ChangeRequestEnterprise($id: String!) { enterprise(id: $id) { ...EnterpriseFields } }": types.ChangeRequestEnterpriseDocument,
    "\n  query EnterpriseChangeRequests($status: String) {\n    enterpriseChangeRequests(status: $status) { id enterpriseId tenantCode requestedBy changes status reason decidedBy createdAt }\n  }\n": types.EnterpriseChangeRequestsDocument,
    "\n  mutation DecideEnterpriseChange($input: DecideChangeInput!) {\n    decideEnterpriseChange(input: $input) { id status reason decidedBy }\n  }\n": types.DecideEnterpriseChangeDocument,
    "\n  query EnterpriseDetail($id: String!) {\n    enterprise(id: $id) {\n      ...EnterpriseFields\n      history(first: 100) { totalCount nodes { cursor at actor operation changes } }\n    }\n  }\n": types.EnterpriseDetailDocument,
    "\n  query EnterpriseHazards($id: String!) {\n    hazards(filter: { enterpriseId: $id }, first: 20) {\n      totalCount\n      nodes { id description level stateName foundAt overdue }\n    }\n  }\n": types.EnterpriseHazardsDocument,
    "mutation CloseEnterprise($id: String!) { closeEnterprise(id: $id) { id status updatedAt } }": types.CloseEnterpriseDocument,
    "mutation ReopenEnterprise($id: String!) { reopenEnterprise(id: $id) { id status updatedAt } }": types.ReopenEnterpriseDocument,
    "\n  mutation TransferEnterprise($id: String!, $divisionCode: String!) {\n    transferEnterprise(id: $id, divisionCode: $divisionCode) { id tenantCode divisionCode updatedAt }\n  }\n": types.TransferEnterpriseDocument,
    "\n  fragment EnterpriseFields on Enterprise {\n    id tenantCode uscc name legalRepresentative principal principalPhone safetyManager safetyManagerPhone\n    registeredAddress productionAddress divisionCode latitude longitude industry industryName industrySubtype gbt4754\n    registrationType sizeBand sizeBandOverridden aboveDesignatedSize staffCount revenueWan foundedOn status\n    safetyStaff safetyEngineers riskFlags maxHazardGrade createdAt updatedAt\n    licences { kind number scope issuedOn expiresOn }\n    division { code countyCode countyName cityCode cityName }\n    majorHazards { name rValue grade }\n  }\n": types.EnterpriseFieldsFragmentDoc,
    "query EnterpriseForEdit($id: String!) { enterprise(id: $id) { ...EnterpriseFields } }": types.EnterpriseForEditDocument,
    "mutation CreateEnterprise($input: EnterpriseInput!) { createEnterprise(input: $input) { ...EnterpriseFields } }": types.CreateEnterpriseDocument,
    "mutation UpdateEnterprise($id: String!, $input: EnterpriseInput!) { updateEnterprise(id: $id, input: $input) { ...EnterpriseFields } }": types.UpdateEnterpriseDocument,
    "\n  query EnterpriseHome($soon: String!, $decide: Boolean!, $jobs: Boolean!) {\n    all: enterprises(first: 1) { totalCount }\n    expiring: enterprises(filter: { licenceExpiringBefore: $soon }, first: 1) { totalCount }\n    grade1: enterprises(filter: { majorHazardGrade: 1 }, first: 1) { totalCount }\n    grade2: enterprises(filter: { majorHazardGrade: 2 }, first: 1) { totalCount }\n    pending: enterpriseChangeRequests(status: \"pending\") @include(if: $decide) { id }\n    running: jobs(status: \"running\", first: 100) @include(if: $jobs) { nodes { kind } }\n    queued: jobs(status: \"queued\", first: 100) @include(if: $jobs) { nodes { kind } }\n  }\n": types.EnterpriseHomeDocument,
    "query ImportTenants { tenants(level: COUNTY, first: 200) { nodes { code name } } }": types.ImportTenantsDocument,
    "\n  mutation ImportEnterprises($input: ImportEnterprisesInput!) {\n    importEnterprises(input: $input) { id status rowsRead }\n  }\n": types.ImportEnterprisesDocument,
    "\n  query EnterpriseImportState($id: String!) {\n    enterpriseImport(id: $id) {\n      id tenantCode status rowsRead inserted updated unchanged rejected aborted rejections warnings error createdAt updatedAt\n    }\n  }\n": types.EnterpriseImportStateDocument,
    "\n  query EnterpriseList($filter: EnterpriseFilter, $orderBy: EnterpriseSort!, $descending: Boolean!, $first: Int, $after: String) {\n    enterprises(filter: $filter, orderBy: $orderBy, descending: $descending, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id uscc name tenantCode industry industryName sizeBand status divisionCode principal principalPhone\n        productionAddress staffCount maxHazardGrade riskFlags updatedAt\n        licences { kind expiresOn }\n      }\n    }\n  }\n": types.EnterpriseListDocument,
    "\n  query EnterpriseTenants { tenants(level: COUNTY, first: 200) { nodes { code name } } }\n": types.EnterpriseTenantsDocument,
    "\n  query EnterpriseExport($filter: EnterpriseFilter, $format: ExchangeFormat!) { enterpriseExport(filter: $filter, format: $format) }\n": types.EnterpriseExportDocument,
    "\n  query MyEnterprise {\n    myEnterprise { ...EnterpriseFields }\n    enterpriseChangeRequests { id enterpriseId tenantCode requestedBy changes status reason decidedBy createdAt }\n  }\n": types.MyEnterpriseDocument,
    "\n  mutation SubmitEnterpriseChange($input: EnterpriseInput!) {\n    submitEnterpriseChange(input: $input) { id status createdAt }\n  }\n": types.SubmitEnterpriseChangeDocument,
    "\n  query HazardAttachmentContent($hazardId: String!, $id: String!) {\n    hazardAttachmentContent(hazardId: $hazardId, id: $id)\n  }\n": types.HazardAttachmentContentDocument,
    "mutation HazardRectify($id: String!, $input: RectificationInput!) { submitHazardRectification(id: $id, input: $input) { id state } }": types.HazardRectifyDocument,
    "mutation HazardAccept($id: String!, $comment: String, $attachmentIds: [String!]) { acceptHazard(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }": types.HazardAcceptDocument,
    "mutation HazardReturn($id: String!, $reason: String!, $attachmentIds: [String!]) { returnHazard(id: $id, reason: $reason, attachmentIds: $attachmentIds) { id state } }": types.HazardReturnDocument,
    "mutation HazardVerify($id: String!, $input: VerifyHazardInput!) { verifyHazard(id: $id, input: $input) { id state } }": types.HazardVerifyDocument,
    "mutation HazardListForSupervision($id: String!, $comment: String) { listHazard(id: $id, comment: $comment) { id state } }": types.HazardListForSupervisionDocument,
    "mutation HazardFilePlan($id: String!, $plan: GovernancePlanInput!, $comment: String, $attachmentIds: [String!]) { fileHazardGovernancePlan(id: $id, plan: $plan, comment: $comment, attachmentIds: $attachmentIds) { id state } }": types.HazardFilePlanDocument,
    "mutation HazardProgress($id: String!, $comment: String!, $attachmentIds: [String!]) { reportHazardProgress(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }": types.HazardProgressDocument,
    "mutation HazardEvaluation($id: String!, $comment: String!, $attachmentIds: [String!]) { submitHazardEvaluation(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }": types.HazardEvaluationDocument,
    "mutation HazardApplyToClose($id: String!, $comment: String, $attachmentIds: [String!]) { applyToCloseHazard(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }": types.HazardApplyToCloseDocument,
    "mutation HazardSiteCheck($id: String!, $passed: Boolean!, $comment: String, $attachmentIds: [String!]) { recordHazardSiteCheck(id: $id, passed: $passed, comment: $comment, attachmentIds: $attachmentIds) { id state } }": types.HazardSiteCheckDocument,
    "mutation HazardClose($id: String!, $comment: String) { closeHazard(id: $id, comment: $comment) { id state } }": types.HazardCloseDocument,
    "\n  mutation HazardStepUpload($hazardId: String!, $file: Upload!) {\n    uploadHazardAttachment(hazardId: $hazardId, file: $file) { id }\n  }\n": types.HazardStepUploadDocument,
    "\n  query HazardDetail($id: String!) {\n    hazard(id: $id) {\n      id tenantCode enterpriseId enterpriseUscc enterpriseName industry divisionCode source category level state stateName\n      description location foundAt reporter responsiblePerson measures deadline fundsWan contingencyPlan\n      majorReport { stateAndCause harmAndDifficulty }\n      governancePlan { goals measures fundsAndMaterials responsible timeLimit safetyAndEmergency }\n      listingLevel inspector overdue listed siteCheckDue version createdAt updatedAt closedAt\n      timeline { seq at actor action fromState toState comment attachmentIds }\n      attachments { id name contentType size uploadedBy createdAt }\n      nextActions\n    }\n    hazardTransitions { action fromState party }\n  }\n": types.HazardDetailDocument,
    "\n  query HazardHomeFigures {\n    overdue: hazards(filter: { overdue: true, open: true }, first: 1) { totalCount }\n    awaiting: hazards(filter: { state: \"awaiting-acceptance\" }, first: 1) { totalCount }\n    listed: hazards(filter: { state: \"listed\", level: \"major\" }, first: 1) { totalCount }\n    open: hazards(filter: { open: true }, first: 1) { totalCount }\n  }\n": types.HazardHomeFiguresDocument,
    "\n  query HazardList($filter: HazardFilter, $first: Int, $after: String) {\n    hazards(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id enterpriseName category level state stateName source description foundAt deadline overdue listed tenantCode\n      }\n    }\n  }\n": types.HazardListDocument,
    "query HazardCategories { hazardRules { categories } }": types.HazardCategoriesDocument,
    "\n  mutation ReportHazard($input: ReportHazardInput!) {\n    reportHazard(input: $input) { id state }\n  }\n": types.ReportHazardDocument,
    "\n  mutation UploadHazardAttachment($hazardId: String!, $file: Upload!) {\n    uploadHazardAttachment(hazardId: $hazardId, file: $file) { id name contentType }\n  }\n": types.UploadHazardAttachmentDocument,
    "\n  query HazardEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc tenantCode } }\n  }\n": types.HazardEnterpriseSearchDocument,
    "query HazardReportRules { hazardRules { categories } }": types.HazardReportRulesDocument,
    "\n  query HazardStats($filter: HazardStatsFilter) {\n    byDivision: hazardStatistics(filter: $filter, groupBy: DIVISION) {\n      division\n      total { key name found rectified open rectificationRate overdue onTime onTimeRate listed listedClosed }\n      rows { key name found rectified open rectificationRate overdue onTime onTimeRate listed listedClosed }\n    }\n    byMonth: hazardStatistics(filter: $filter, groupBy: MONTH) {\n      rows { key found rectified open overdue }\n    }\n  }\n": types.HazardStatsDocument,
    "\n  query HazardStatsTenant($division: String!) {\n    tenant(code: $division) { code name level parent { code name level parent { code name level } } }\n  }\n": types.HazardStatsTenantDocument,
    "\n  query HazardStatsCsv($filter: HazardStatsFilter) { hazardStatisticsCsv(filter: $filter, groupBy: DIVISION) }\n": types.HazardStatsCsvDocument,
    "\n  query PublicHazardInbox($status: String, $first: Int, $after: String) {\n    publicHazardReports(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id county enterpriseName enterpriseUscc address description reporterName reporterPhone status reason hazardId createdAt }\n    }\n    hazardRules { categories }\n  }\n": types.PublicHazardInboxDocument,
    "\n  mutation AcceptPublicHazardReport($id: String!, $input: ReportHazardInput!) {\n    acceptPublicHazardReport(id: $id, input: $input) { id }\n  }\n": types.AcceptPublicHazardReportDocument,
    "\n  mutation DismissPublicHazardReport($id: String!, $reason: String!) {\n    dismissPublicHazardReport(id: $id, reason: $reason) { id status reason }\n  }\n": types.DismissPublicHazardReportDocument,
    "\n  query PublicReportEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc } }\n  }\n": types.PublicReportEnterpriseSearchDocument,
    "\n  query PluginInvocations($tenantCode: String!, $name: String!, $last: Int!) {\n    pluginInvocations(tenantCode: $tenantCode, name: $name, last: $last) {\n      id name version versionId hook at input output\n      failure { code message }\n      logs { level message }\n      fuelUsed durationMicros\n    }\n  }\n": types.PluginInvocationsDocument,
    "\n  query PluginPolicy {\n    pluginPolicy {\n      hooks { name interface kind allowed }\n      ceilings { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      maxConcurrentPerTenant\n    }\n  }\n": types.PluginPolicyDocument,
    "\n  mutation SetPluginPolicy($input: PluginPolicyInput!) {\n    setPluginPolicy(input: $input) {\n      hooks { name interface kind allowed }\n      ceilings { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      maxConcurrentPerTenant\n    }\n  }\n": types.SetPluginPolicyDocument,
    "mutation BanPlugin($sha256: String!, $reason: String!) { banPlugin(sha256: $sha256, reason: $reason) }": types.BanPluginDocument,
    "\n  query PluginSettings($tenantCode: String!, $name: String!) {\n    pluginSettings(tenantCode: $tenantCode, name: $name) {\n      tenantCode name position failOpen\n      limits { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      config { key value }\n    }\n  }\n": types.PluginSettingsDocument,
    "\n  mutation ConfigurePlugin($input: ConfigurePluginInput!) {\n    configurePlugin(input: $input) {\n      tenantCode name position failOpen\n      limits { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      config { key value }\n    }\n  }\n": types.ConfigurePluginDocument,
    "\n  mutation TestPlugin($id: String!, $hook: String!, $input: JSON, $replayOf: String) {\n    testPlugin(id: $id, hook: $hook, input: $input, replayOf: $replayOf) {\n      ok\n      output\n      failure { code message }\n      logs { level message }\n      fuelUsed\n      durationMicros\n      version { id state updatedAt }\n    }\n  }\n": types.TestPluginDocument,
    "\n  mutation UploadPlugin($input: UploadPluginInput!, $file: Upload!) {\n    uploadPlugin(input: $input, file: $file) { id name version state compileStatus hooks sha256 }\n  }\n": types.UploadPluginDocument,
    "\n  query PluginVersion($id: String!) {\n    pluginVersion(id: $id) {\n      id tenantCode name version author description hooks witVersion sha256 sizeBytes state compileStatus compileError\n      uploadedBy createdAt updatedAt\n    }\n  }\n": types.PluginVersionDocument,
    "\n  query PluginSiblings($tenantCode: String!, $name: String!) {\n    pluginVersions(tenantCode: $tenantCode, name: $name) { id name version state compileStatus }\n  }\n": types.PluginSiblingsDocument,
    "\n  query PluginVersions($tenantCode: String) {\n    pluginVersions(tenantCode: $tenantCode) {\n      id tenantCode name version author description hooks state compileStatus compileError uploadedBy createdAt updatedAt\n    }\n  }\n": types.PluginVersionsDocument,
    "\n  query PluginCounties {\n    tenants(level: COUNTY, first: 100) { nodes { code name } }\n  }\n": types.PluginCountiesDocument,
    "mutation ActivatePlugin($id: String!) { activatePlugin(id: $id) { id state updatedAt } }": types.ActivatePluginDocument,
    "mutation DisablePlugin($id: String!) { disablePlugin(id: $id) { id state updatedAt } }": types.DisablePluginDocument,
    "mutation RetirePlugin($id: String!) { retirePlugin(id: $id) { id state updatedAt } }": types.RetirePluginDocument,
    "\n  query PublicHazardReportStatus($token: String!) {\n    publicHazardReport(token: $token) { reference status reason hazardState createdAt updatedAt }\n  }\n": types.PublicHazardReportStatusDocument,
    "\n  mutation SubmitPublicHazardReport($input: PublicReportInput!) {\n    submitPublicHazardReport(input: $input) { reference token }\n  }\n": types.SubmitPublicHazardReportDocument,
    "\n  query StdCertificateCheck($number: String!, $signature: String) {\n    certificateCheck(number: $number, signature: $signature) {\n      number enterpriseName grade industry issuedAt validUntil status signatureValid publicKey\n    }\n  }\n": types.StdCertificateCheckDocument,
    "\n  query StdEnterpriseCertificates($enterpriseId: String!) {\n    standardizationCertificates(enterpriseId: $enterpriseId) { number grade status issuedAt validUntil }\n  }\n": types.StdEnterpriseCertificatesDocument,
    "query StdDialogChecklists { standardizationChecklists { industry version inForce items } }": types.StdDialogChecklistsDocument,
    "query StdDialogOrganisations { organisations(first: 100) { nodes { id kind name tenantCode disabled } } }": types.StdDialogOrganisationsDocument,
    "\n  mutation StdSelfAssess($id: String!, $marks: [MarkInput!]!, $checklistVersion: String) {\n    selfAssessStandardization(id: $id, marks: $marks, checklistVersion: $checklistVersion) { id state selfScore }\n  }\n": types.StdSelfAssessDocument,
    "\n  mutation StdStep($id: String!, $action: StdAction!, $comment: String, $reason: String, $missing: [String!]) {\n    standardizationStep(id: $id, action: $action, comment: $comment, reason: $reason, missing: $missing) { id state }\n  }\n": types.StdStepDocument,
    "\n  mutation StdAssign($id: String!, $reviewUnitId: String!, $organiserId: String!) {\n    assignStandardizationReview(id: $id, reviewUnitId: $reviewUnitId, organiserId: $organiserId) { id state }\n  }\n": types.StdAssignDocument,
    "\n  mutation StdReview($id: String!, $reviewers: [ReviewerInput!]!, $marks: [MarkInput!]!) {\n    recordStandardizationReview(id: $id, reviewers: $reviewers, marks: $marks) { id state reviewScore achievedGrade }\n  }\n": types.StdReviewDocument,
    "\n  mutation StdObjection($id: String!, $text: String!) { recordStandardizationObjection(id: $id, text: $text) { id state } }\n": types.StdObjectionDocument,
    "\n  mutation StdResolveObjection($id: String!, $objectionId: String!, $resolution: String!) {\n    resolveStandardizationObjection(id: $id, objectionId: $objectionId, resolution: $resolution) { id state }\n  }\n": types.StdResolveObjectionDocument,
    "\n  mutation StdIssue($id: String!) {\n    issueStandardizationCertificate(id: $id) { number grade status signature qrPayload canonical issuedAt validUntil enterpriseName }\n  }\n": types.StdIssueDocument,
    "\n  mutation StdApply($input: ApplyInput!) {\n    applyForStandardization(input: $input) { id state }\n  }\n": types.StdApplyDocument,
    "\n  query StdChecklists { standardizationChecklists { industry version name standard fullScore itemCount inForce loadedAt } }\n": types.StdChecklistsDocument,
    "\n  mutation StdLoadChecklist($checklist: String!) {\n    loadStandardizationChecklist(checklist: $checklist) { industry version inForce itemCount }\n  }\n": types.StdLoadChecklistDocument,
    "\n  query StdApplicationDetail($id: String!) {\n    standardizationApplication(id: $id) {\n      id tenantCode enterpriseId enterpriseName enterpriseUscc industry appliedGrade state stateName systemRunSince deaths\n      seriousAccidents checklistVersion selfScore reviewScore achievedGrade reviewUnitId organiserId review refusal\n      objections { id at text resolution }\n      dueAt overdue noticeEndsAt certificateNumber version updatedAt actions\n      timeline { seq at actor action fromState toState comment details }\n    }\n  }\n": types.StdApplicationDetailDocument,
    "\n  query StdHomeFigures { standardizationStatistics { total overdue byState { key count } } }\n": types.StdHomeFiguresDocument,
    "\n  query StdApplicationList($state: String, $overdue: Boolean, $first: Int, $after: String) {\n    standardizationApplications(state: $state, overdue: $overdue, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id enterpriseName appliedGrade achievedGrade state stateName selfScore reviewScore dueAt overdue certificateNumber }\n    }\n  }\n": types.StdApplicationListDocument,
    "\n  query StdRules { standardizationRules }\n": types.StdRulesDocument,
    "\n  mutation StdSetRules($rules: JSON!) { setStandardizationRules(rules: $rules) }\n": types.StdSetRulesDocument,
    "\n  query StdCertificatePdf($enterpriseId: String!) {\n    standardizationCertificates(enterpriseId: $enterpriseId) { number pdf }\n  }\n": types.StdCertificatePdfDocument,
    "\n  query TrainingResultAttempt($id: String!) {\n    trainingSession(id: $id) { id bookings { candidate { id } attempt { id state answered total } } }\n  }\n": types.TrainingResultAttemptDocument,
    "\n  query TrainingAnswerLog($attemptId: String!) { trainingAnswerLog(attemptId: $attemptId) { seq no answer marked at } }\n": types.TrainingAnswerLogDocument,
    "\n  mutation TrainingSaveBlueprint($input: BlueprintInput!) {\n    trainingSaveBlueprint(input: $input) {\n      id name category operationItem durationMinutes multiplePartial total version\n      parts { kind count points knowledgePoint difficulty }\n    }\n  }\n": types.TrainingSaveBlueprintDocument,
    "\n  query TrainingBlueprints {\n    trainingBlueprints {\n      id name category operationItem durationMinutes multiplePartial total version\n      parts { kind count points knowledgePoint difficulty }\n    }\n  }\n": types.TrainingBlueprintsDocument,
    "\n  mutation TrainingRecordHours($input: HoursInput!) { trainingRecordHours(input: $input) { id hours requiredHours eligible } }\n": types.TrainingRecordHoursDocument,
    "\n  mutation TrainingExempt($candidateId: String!, $reason: String!) { trainingExempt(candidateId: $candidateId, reason: $reason) { id exemption eligible } }\n": types.TrainingExemptDocument,
    "\n  query TrainingCandidateDetail($id: String!) {\n    trainingCandidate(id: $id) {\n      id tenantId name idNumberMasked enterpriseUscc category operationItem operationName highRisk refresher\n      hours requiredHours exemption eligible needsRetraining createdAt\n      training { institution course hours date }\n      results { id attemptNo sessionId theoryScore practicalScore passed validUntil at }\n      certificates { number status issuedAt validUntil nextReviewAt }\n    }\n  }\n": types.TrainingCandidateDetailDocument,
    "\n  mutation TrainingIssueCertificate($candidateId: String!) { trainingIssueCertificate(candidateId: $candidateId) { number validUntil } }\n": types.TrainingIssueCertificateDocument,
    "\n  mutation TrainingRegisterCandidate($input: CandidateInput!) { trainingRegisterCandidate(input: $input) { id name } }\n": types.TrainingRegisterCandidateDocument,
    "\n  query TrainingCandidates($first: Int, $after: String, $search: String, $category: TrainingCategory) {\n    trainingCandidates(first: $first, after: $after, search: $search, category: $category) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name idNumberMasked enterpriseUscc category operationItem operationName highRisk refresher\n          hours requiredHours exemption eligible needsRetraining createdAt\n        }\n      }\n    }\n  }\n": types.TrainingCandidatesDocument,
    "\n  mutation TrainingReviewCertificate($number: String!, $passed: Boolean!, $note: String!) {\n    trainingReviewCertificate(number: $number, passed: $passed, note: $note) { number status nextReviewAt }\n  }\n": types.TrainingReviewCertificateDocument,
    "\n  mutation TrainingRenewCertificate($number: String!) { trainingRenewCertificate(number: $number) { number status validUntil } }\n": types.TrainingRenewCertificateDocument,
    "\n  mutation TrainingSuspendCertificate($number: String!, $reason: String!) {\n    trainingSuspendCertificate(number: $number, reason: $reason) { number status }\n  }\n": types.TrainingSuspendCertificateDocument,
    "\n  mutation TrainingRevokeCertificate($number: String!, $reason: RevokeReason!, $note: String!) {\n    trainingRevokeCertificate(number: $number, reason: $reason, note: $note) { number status }\n  }\n": types.TrainingRevokeCertificateDocument,
    "\n  query TrainingCertificateCheck($number: String!, $idNumber: String!) {\n    trainingCertificateCheck(number: $number, idNumber: $idNumber) {\n      number name idNumberMasked category operationName validUntil nextReviewAt status signatureValid\n    }\n  }\n": types.TrainingCertificateCheckDocument,
    "\n  query TrainingCertificates($first: Int, $after: String, $status: TrainingCertStatus, $reviewDueBefore: String) {\n    trainingCertificates(first: $first, after: $after, status: $status, reviewDueBefore: $reviewDueBefore) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          number candidateId candidateName idNumberMasked category operationItem issuedAt validUntil nextReviewAt status\n          history { action note at by }\n        }\n      }\n    }\n  }\n": types.TrainingCertificatesDocument,
    "\n  mutation ExamLoginTicket($ticket: String!, $idNumber: String!) {\n    examLogin(ticket: $ticket, idNumber: $idNumber) { token candidateName centre startsAt durationMinutes }\n  }\n": types.ExamLoginTicketDocument,
    "\n  mutation ExamStart($token: String!) {\n    examStart(token: $token) {\n      id state startedAt deadline remainingSeconds autosaveSeconds score passed\n      questions { no kind stem points options { key text } }\n      answers { no answer marked }\n    }\n  }\n": types.ExamStartDocument,
    "\n  query ExamResult($token: String!) { examAttempt(token: $token) { id state remainingSeconds score passed } }\n": types.ExamResultDocument,
    "\n  query ExamResync($token: String!) { examAttempt(token: $token) { id state remainingSeconds score passed } }\n": types.ExamResyncDocument,
    "\n  mutation ExamSubmit($token: String!) {\n    examSubmit(token: $token) { id state startedAt deadline remainingSeconds score passed }\n  }\n": types.ExamSubmitDocument,
    "\n  query TrainingMyExams {\n    myExams {\n      sessionId centre startsAt durationMinutes state ticket\n      attempt { id state remainingSeconds answered total score passed }\n    }\n  }\n": types.TrainingMyExamsDocument,
    "\n  mutation ExamLoginAsUser($sessionId: String!) {\n    examLoginAsUser(sessionId: $sessionId) { token candidateName centre startsAt durationMinutes }\n  }\n": types.ExamLoginAsUserDocument,
    "\n  query TrainingSessionDetail($id: String!) {\n    trainingSession(id: $id) {\n      id tenantId centre seats startsAt windowMinutes state\n      blueprint { id name category operationItem durationMinutes total }\n      bookings {\n        ticket admittedLate\n        candidate { id name idNumberMasked category operationItem }\n        attempt { id state startedAt deadline remainingSeconds answered total score passed }\n      }\n      incidents { id candidateId note at by }\n    }\n  }\n": types.TrainingSessionDetailDocument,
    "mutation TrainingOpenSession($id: String!) { trainingOpenSession(id: $id) { id state } }": types.TrainingOpenSessionDocument,
    "mutation TrainingCloseSession($id: String!) { trainingCloseSession(id: $id) { id state } }": types.TrainingCloseSessionDocument,
    "\n  mutation TrainingAdmitLate($sessionId: String!, $candidateId: String!) { trainingAdmitLate(sessionId: $sessionId, candidateId: $candidateId) { id } }\n": types.TrainingAdmitLateDocument,
    "mutation TrainingForceSubmit($attemptId: String!) { trainingForceSubmit(attemptId: $attemptId) { id state score passed } }": types.TrainingForceSubmitDocument,
    "\n  mutation TrainingRecordIncident($sessionId: String!, $candidateId: String, $note: String!) {\n    trainingRecordIncident(sessionId: $sessionId, candidateId: $candidateId, note: $note) { id incidents { id } }\n  }\n": types.TrainingRecordIncidentDocument,
    "\n  mutation TrainingImportQuestions($file: String!, $format: BankFormat!, $dryRun: Boolean) {\n    trainingImportQuestions(file: $file, format: $format, dryRun: $dryRun) {\n      rows inserted updated unchanged rejected dryRun\n      rejections { row column value messageZh messageEn }\n    }\n  }\n": types.TrainingImportQuestionsDocument,
    "\n  query TrainingQuestions($first: Int, $after: String, $category: TrainingCategory, $search: String) {\n    trainingQuestions(first: $first, after: $after, category: $category, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id version kind category operationItem knowledgePoint difficulty stem answer explanation\n          options { key text }\n        }\n      }\n    }\n  }\n": types.TrainingQuestionsDocument,
    "query TrainingExportQuestions($format: BankFormat!) { trainingExportQuestions(format: $format) }": types.TrainingExportQuestionsDocument,
    "\n  query TrainingResults($sessionId: String, $candidateId: String) {\n    trainingResults(sessionId: $sessionId, candidateId: $candidateId) {\n      id candidateId candidateName category operationItem attemptNo sessionId theoryScore practicalScore passed validUntil at\n    }\n  }\n": types.TrainingResultsDocument,
    "query TrainingResultSessions { trainingSessions { id centre startsAt state } }": types.TrainingResultSessionsDocument,
    "\n  mutation TrainingRecordPractical($resultId: String!, $score: Float!) {\n    trainingRecordPractical(resultId: $resultId, score: $score) { id practicalScore passed validUntil }\n  }\n": types.TrainingRecordPracticalDocument,
    "\n  query TrainingSessions {\n    trainingSessions {\n      id centre seats startsAt windowMinutes state\n      blueprint { id name category durationMinutes }\n      bookings { ticket candidate { id } attempt { id state } }\n    }\n  }\n": types.TrainingSessionsDocument,
    "query TrainingBlueprintOptions { trainingBlueprints { id name category operationItem durationMinutes total } }": types.TrainingBlueprintOptionsDocument,
    "\n  mutation TrainingCreateSession($input: SessionInput!) { trainingCreateSession(input: $input) { id } }\n": types.TrainingCreateSessionDocument,
    "\n  query TrainingCandidateSearch($search: String, $first: Int) {\n    trainingCandidates(search: $search, first: $first) {\n      edges { node { id name idNumberMasked category operationItem eligible } }\n    }\n  }\n": types.TrainingCandidateSearchDocument,
    "\n  mutation TrainingBook($sessionId: String!, $candidateIds: [String!]!) {\n    trainingBook(sessionId: $sessionId, candidateIds: $candidateIds) { id bookings { ticket candidate { id } } }\n  }\n": types.TrainingBookDocument,
    "\n  query TrainingStats {\n    trainingStats {\n      byCategory { key label sat passed rate }\n      byOperationItem { key label sat passed rate }\n      byInstitution { key label sat passed rate }\n      byCentre { key label sat passed rate }\n      byCounty { key label sat passed rate }\n      flaggedQuestions { id stem answered correct rate flag }\n      dueForReview { month count }\n    }\n  }\n": types.TrainingStatsDocument,
    "query TrainingHomeExams { myExams { sessionId state attempt { state } } }": types.TrainingHomeExamsDocument,
    "\n  mutation ExamSave($token: String!, $no: Int!, $answer: [String!]!, $marked: Boolean) {\n    examSave(token: $token, no: $no, answer: $answer, marked: $marked) { no seq savedAt remainingSeconds }\n  }\n": types.ExamSaveDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) }\n": types.ChangePasswordDocument,
    "\n  query HomeUnread { notifications(unreadOnly: true, first: 1) { totalCount } }\n": types.HomeUnreadDocument,
    "\n  query Inbox($unreadOnly: Boolean!, $first: Int, $after: String) {\n    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id kind title body link createdAt readAt }\n    }\n  }\n": types.InboxDocument,
    "mutation MarkRead($input: IdInput!) { markNotificationRead(input: $input) { id readAt } }": types.MarkReadDocument,
    "mutation MarkAllRead { markAllNotificationsRead }": types.MarkAllReadDocument,
    "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles\n      permissions\n      passwordExpired\n      organisationId\n      visibleTenantCodes\n      tenant { code name level }\n    }\n  }\n": types.MeDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token expiresAt refreshToken refreshExpiresAt }\n  }\n": types.LoginDocument,
    "\n  mutation Refresh($input: RefreshTokenInput!) {\n    refreshToken(input: $input) { token expiresAt refreshToken refreshExpiresAt }\n  }\n": types.RefreshDocument,
    "\n  mutation Logout { logout }\n": types.LogoutDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnreadCount { notifications(unreadOnly: true, first: 1) { totalCount } }\n"): (typeof documents)["\n  query UnreadCount { notifications(unreadOnly: true, first: 1) { totalCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription NotificationAdded { notificationAdded { id title } }\n"): (typeof documents)["\n  subscription NotificationAdded { notificationAdded { id title } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccidentAcknowledge($id: String!) { acknowledgeAccident(id: $id) { id state reachedLevel version } }"): (typeof documents)["mutation AccidentAcknowledge($id: String!) { acknowledgeAccident(id: $id) { id state reachedLevel version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccidentPassUp($id: String!) { passAccidentUp(id: $id) { id state reachedLevel version } }"): (typeof documents)["mutation AccidentPassUp($id: String!) { passAccidentUp(id: $id) { id state reachedLevel version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccidentFollowUp($id: String!, $input: AccidentFollowUpInput!) {\n    followUpAccident(id: $id, input: $input) { id grade deaths version }\n  }\n"): (typeof documents)["\n  mutation AccidentFollowUp($id: String!, $input: AccidentFollowUpInput!) {\n    followUpAccident(id: $id, input: $input) { id grade deaths version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccidentDecideFollowUp($id: String!, $seq: Int!, $approve: Boolean!, $reason: String) {\n    decideAccidentFollowUp(id: $id, seq: $seq, approve: $approve, reason: $reason) { id grade version }\n  }\n"): (typeof documents)["\n  mutation AccidentDecideFollowUp($id: String!, $seq: Int!, $approve: Boolean!, $reason: String) {\n    decideAccidentFollowUp(id: $id, seq: $seq, approve: $approve, reason: $reason) { id grade version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccidentFinding($id: String!, $kind: AccidentFindingKind!, $detail: String!) {\n    recordAccidentFinding(id: $id, kind: $kind, detail: $detail) { id version }\n  }\n"): (typeof documents)["\n  mutation AccidentFinding($id: String!, $kind: AccidentFindingKind!, $detail: String!) {\n    recordAccidentFinding(id: $id, kind: $kind, detail: $detail) { id version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccidentExtend($id: String!, $reason: String!) { extendAccidentInvestigation(id: $id, reason: $reason) { id extended version } }\n"): (typeof documents)["\n  mutation AccidentExtend($id: String!, $reason: String!) { extendAccidentInvestigation(id: $id, reason: $reason) { id extended version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccidentSubmitInvestigation($id: String!, $input: InvestigationReportInput!) {\n    submitAccidentInvestigation(id: $id, input: $input) { id state version }\n  }\n"): (typeof documents)["\n  mutation AccidentSubmitInvestigation($id: String!, $input: InvestigationReportInput!) {\n    submitAccidentInvestigation(id: $id, input: $input) { id state version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccidentApproveInvestigation($id: String!) { approveAccidentInvestigation(id: $id) { id state version } }"): (typeof documents)["mutation AccidentApproveInvestigation($id: String!) { approveAccidentInvestigation(id: $id) { id state version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccidentClose($id: String!, $rectification: String!) { closeAccident(id: $id, rectification: $rectification) { id state version } }\n"): (typeof documents)["\n  mutation AccidentClose($id: String!, $rectification: String!) { closeAccident(id: $id, rectification: $rectification) { id state version } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccidentBoard {\n    accidentClocks(first: 200) { accidentId tenantCode kind kindName startedAt dueAt late secondsLeft }\n    accidents(first: 100) { nodes { id unitName grade } }\n  }\n"): (typeof documents)["\n  query AccidentBoard {\n    accidentClocks(first: 200) { accidentId tenantCode kind kindName startedAt dueAt late secondsLeft }\n    accidents(first: 100) { nodes { id unitName grade } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccidentBoardOne($id: String!) { accident(id: $id) { id unitName grade } }"): (typeof documents)["query AccidentBoardOne($id: String!) { accident(id: $id) { id unitName grade } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccidentDetail($id: String!) {\n    accident(id: $id) {\n      id tenantCode enterpriseId unitName unitUscc unitAddress divisionCode occurredAt place accidentType accidentTypeName roadTraffic\n      industry industrySection industrySectionName size deaths missing seriousInjuries minorInjuries directLossWan\n      grade state summary cause measures reporter reporterPhone unitReportedAt reportedAt reachedLevel reportTo mustPassUp investigatedBy\n      acknowledgements investigation extended rectification version createdBy\n      timeline { seq at actor action details }\n      clocks { kind kindName startedAt dueAt doneAt doneBy late automatic secondsLeft }\n      followUps { seq at by before after note late status decidedBy decidedAt }\n      findings { seq kind kindName subject detail at by }\n    }\n    accidentRules\n  }\n"): (typeof documents)["\n  query AccidentDetail($id: String!) {\n    accident(id: $id) {\n      id tenantCode enterpriseId unitName unitUscc unitAddress divisionCode occurredAt place accidentType accidentTypeName roadTraffic\n      industry industrySection industrySectionName size deaths missing seriousInjuries minorInjuries directLossWan\n      grade state summary cause measures reporter reporterPhone unitReportedAt reportedAt reachedLevel reportTo mustPassUp investigatedBy\n      acknowledgements investigation extended rectification version createdBy\n      timeline { seq at actor action details }\n      clocks { kind kindName startedAt dueAt doneAt doneBy late automatic secondsLeft }\n      followUps { seq at by before after note late status decidedBy decidedAt }\n      findings { seq kind kindName subject detail at by }\n    }\n    accidentRules\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccidentHomeFigures { accidentClocks(first: 500) { accidentId kind late } }\n"): (typeof documents)["\n  query AccidentHomeFigures { accidentClocks(first: 500) { accidentId kind late } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccidentList($state: String, $grade: String, $fromMonth: String, $toMonth: String, $first: Int, $after: String) {\n    accidents(state: $state, grade: $grade, fromMonth: $fromMonth, toMonth: $toMonth, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id occurredAt unitName accidentType accidentTypeName grade state deaths missing reachedLevel mustPassUp tenantCode }\n    }\n  }\n"): (typeof documents)["\n  query AccidentList($state: String, $grade: String, $fromMonth: String, $toMonth: String, $first: Int, $after: String) {\n    accidents(state: $state, grade: $grade, fromMonth: $fromMonth, toMonth: $toMonth, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id occurredAt unitName accidentType accidentTypeName grade state deaths missing reachedLevel mustPassUp tenantCode }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportAccident($input: ReportAccidentInput!) {\n    reportAccident(input: $input) { id grade state }\n  }\n"): (typeof documents)["\n  mutation ReportAccident($input: ReportAccidentInput!) {\n    reportAccident(input: $input) { id grade state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccidentReportMeta { accidentRules accidentCodes }"): (typeof documents)["query AccidentReportMeta { accidentRules accidentCodes }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccidentOwnEnterprise { myEnterprise { id name uscc gbt4754 } }"): (typeof documents)["query AccidentOwnEnterprise { myEnterprise { id name uscc gbt4754 } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccidentEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc gbt4754 } }\n  }\n"): (typeof documents)["\n  query AccidentEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc gbt4754 } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AccidentRulesPage { accidentRules accidentDenominators }"): (typeof documents)["query AccidentRulesPage { accidentRules accidentDenominators }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AccidentSetRules($rules: JSON!) { setAccidentRules(rules: $rules) }"): (typeof documents)["mutation AccidentSetRules($rules: JSON!) { setAccidentRules(rules: $rules) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccidentSetDenominators($year: Int!, $entries: [AccidentDenominatorInput!]!) { setAccidentDenominators(year: $year, entries: $entries) }\n"): (typeof documents)["\n  mutation AccidentSetDenominators($year: Int!, $entries: [AccidentDenominatorInput!]!) { setAccidentDenominators(year: $year, entries: $entries) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccidentDivisionTree($code: String!) {\n    tenant(code: $code) {\n      code name level\n      children(first: 100) { nodes { code name level children(first: 100) { nodes { code name level } } } }\n    }\n  }\n"): (typeof documents)["\n  query AccidentDivisionTree($code: String!) {\n    tenant(code: $code) {\n      code name level\n      children(first: 100) { nodes { code name level children(first: 100) { nodes { code name level } } } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccidentStats($year: Int!, $quarter: Int, $month: Int, $by: AccidentDimension!, $division: String) {\n    accidentStatistics(year: $year, quarter: $quarter, month: $month, by: $by, division: $division) {\n      period division divisionName closed csv\n      rows {\n        key label revised yoyAccidents yoyDeaths momAccidents momDeaths deathsPer100mGdp deathsPer100kWorkers\n        current { accidents deaths seriousInjuries minorInjuries lossWan }\n        lastYear { accidents deaths }\n        previous { accidents deaths }\n        published { accidents deaths seriousInjuries lossWan }\n      }\n      total {\n        key label revised yoyAccidents yoyDeaths momAccidents momDeaths deathsPer100mGdp deathsPer100kWorkers\n        current { accidents deaths seriousInjuries minorInjuries lossWan }\n        lastYear { accidents deaths }\n        previous { accidents deaths }\n        published { accidents deaths seriousInjuries lossWan }\n      }\n    }\n    accidentTrend(year: $year, division: $division) {\n      month\n      current { accidents deaths }\n      lastYear { accidents deaths }\n    }\n  }\n"): (typeof documents)["\n  query AccidentStats($year: Int!, $quarter: Int, $month: Int, $by: AccidentDimension!, $division: String) {\n    accidentStatistics(year: $year, quarter: $quarter, month: $month, by: $by, division: $division) {\n      period division divisionName closed csv\n      rows {\n        key label revised yoyAccidents yoyDeaths momAccidents momDeaths deathsPer100mGdp deathsPer100kWorkers\n        current { accidents deaths seriousInjuries minorInjuries lossWan }\n        lastYear { accidents deaths }\n        previous { accidents deaths }\n        published { accidents deaths seriousInjuries lossWan }\n      }\n      total {\n        key label revised yoyAccidents yoyDeaths momAccidents momDeaths deathsPer100mGdp deathsPer100kWorkers\n        current { accidents deaths seriousInjuries minorInjuries lossWan }\n        lastYear { accidents deaths }\n        previous { accidents deaths }\n        published { accidents deaths seriousInjuries lossWan }\n      }\n    }\n    accidentTrend(year: $year, division: $division) {\n      month\n      current { accidents deaths }\n      lastYear { accidents deaths }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccidentStatsTenant($division: String!) {\n    tenant(code: $division) { code name level parent { code name level parent { code name level } } }\n  }\n"): (typeof documents)["\n  query AccidentStatsTenant($division: String!) {\n    tenant(code: $division) { code name level parent { code name level parent { code name level } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccidentMonthlyReport($year: Int!, $month: Int!, $division: String) { accidentMonthlyReport(year: $year, month: $month, division: $division) }\n"): (typeof documents)["\n  query AccidentMonthlyReport($year: Int!, $month: Int!, $division: String) { accidentMonthlyReport(year: $year, month: $month, division: $division) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AccidentCloseMonth($year: Int!, $month: Int!, $division: String) { closeAccidentMonth(year: $year, month: $month, division: $division) }\n"): (typeof documents)["\n  mutation AccidentCloseMonth($year: Int!, $month: Int!, $division: String) { closeAccidentMonth(year: $year, month: $month, division: $division) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditLog($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        tenantCode\n        seq\n        id\n        at\n        actor\n        actorTenant\n        operation\n        targetType\n        targetId\n        changes\n        requestId\n        clientAddr\n        hashAlgorithm\n        prevHash\n        hash\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAuditLog($filter: AuditFilter, $first: Int, $after: String) {\n    auditLog(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        tenantCode\n        seq\n        id\n        at\n        actor\n        actorTenant\n        operation\n        targetType\n        targetId\n        changes\n        requestId\n        clientAddr\n        hashAlgorithm\n        prevHash\n        hash\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditVerification($tenantCode: String) {\n    auditVerification(tenantCode: $tenantCode) { intact tenants records firstBreak { tenantCode seq reason } }\n  }\n"): (typeof documents)["\n  query AdminAuditVerification($tenantCode: String) {\n    auditVerification(tenantCode: $tenantCode) { intact tenants records firstBreak { tenantCode seq reason } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditExport($filter: AuditFilter) { auditExport(filter: $filter) { csv rows sha256 } }\n"): (typeof documents)["\n  query AdminAuditExport($filter: AuditFilter) { auditExport(filter: $filter) { csv rows sha256 } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminJobs($first: Int, $after: String, $status: String) {\n    jobs(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode kind status runAt attempts maxAttempts lastError updatedAt }\n    }\n  }\n"): (typeof documents)["\n  query AdminJobs($first: Int, $after: String, $status: String) {\n    jobs(first: $first, after: $after, status: $status) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode kind status runAt attempts maxAttempts lastError updatedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrganisations($first: Int, $after: String) {\n    organisations(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode kind name uscc disabled }\n    }\n  }\n"): (typeof documents)["\n  query AdminOrganisations($first: Int, $after: String) {\n    organisations(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode kind name uscc disabled }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminGrants($first: Int, $after: String) {\n    grants(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode organisationId organisationTenantCode role recordType recordId validUntil revoked }\n    }\n  }\n"): (typeof documents)["\n  query AdminGrants($first: Int, $after: String) {\n    grants(first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id tenantCode organisationId organisationTenantCode role recordType recordId validUntil revoked }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminGrantRoles { roles { name adminGroup } }"): (typeof documents)["query AdminGrantRoles { roles { name adminGroup } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminAllOrganisations { organisations(first: 100) { nodes { id name tenantCode } } }"): (typeof documents)["query AdminAllOrganisations { organisations(first: 100) { nodes { id name tenantCode } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateOrganisation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }\n"): (typeof documents)["\n  mutation AdminCreateOrganisation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminGrantOrganisation($input: GrantOrganisationInput!) { grantOrganisation(input: $input) { id } }"): (typeof documents)["mutation AdminGrantOrganisation($input: GrantOrganisationInput!) { grantOrganisation(input: $input) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminRevokeGrant($input: IdInput!) { revokeGrant(input: $input) { id revoked } }"): (typeof documents)["mutation AdminRevokeGrant($input: IdInput!) { revokeGrant(input: $input) { id revoked } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminSecurityPolicy {\n    securityPolicy {\n      passwordMinLength\n      passwordMinClasses\n      passwordMaxAgeDays\n      sessionAccessTtlMinutes\n      sessionIdleTimeoutMinutes\n      sessionRefreshTtlMinutes\n      loginMaxFailuresPerAccount\n      loginMaxFailuresPerAddress\n      loginWindowSeconds\n    }\n  }\n"): (typeof documents)["\n  query AdminSecurityPolicy {\n    securityPolicy {\n      passwordMinLength\n      passwordMinClasses\n      passwordMaxAgeDays\n      sessionAccessTtlMinutes\n      sessionIdleTimeoutMinutes\n      sessionRefreshTtlMinutes\n      loginMaxFailuresPerAccount\n      loginMaxFailuresPerAddress\n      loginWindowSeconds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminUpdateSecurityPolicy($input: SecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      passwordMinLength\n      passwordMinClasses\n      passwordMaxAgeDays\n      sessionAccessTtlMinutes\n      sessionIdleTimeoutMinutes\n      sessionRefreshTtlMinutes\n      loginMaxFailuresPerAccount\n      loginMaxFailuresPerAddress\n      loginWindowSeconds\n    }\n  }\n"): (typeof documents)["\n  mutation AdminUpdateSecurityPolicy($input: SecurityPolicyInput!) {\n    updateSecurityPolicy(input: $input) {\n      passwordMinLength\n      passwordMinClasses\n      passwordMaxAgeDays\n      sessionAccessTtlMinutes\n      sessionIdleTimeoutMinutes\n      sessionRefreshTtlMinutes\n      loginMaxFailuresPerAccount\n      loginMaxFailuresPerAddress\n      loginWindowSeconds\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminCreateTenant($input: CreateTenantInput!) { createTenant(input: $input) { code } }"): (typeof documents)["mutation AdminCreateTenant($input: CreateTenantInput!) { createTenant(input: $input) { code } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminRenameTenant($input: RenameTenantInput!) { renameTenant(input: $input) { code name } }"): (typeof documents)["mutation AdminRenameTenant($input: RenameTenantInput!) { renameTenant(input: $input) { code name } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminRetireTenant($input: RetireTenantInput!) { retireTenant(input: $input) { code retired } }"): (typeof documents)["mutation AdminRetireTenant($input: RetireTenantInput!) { retireTenant(input: $input) { code retired } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation AdminMergeTenants($input: MergeTenantsInput!) { mergeTenants(input: $input) { code retired } }"): (typeof documents)["mutation AdminMergeTenants($input: MergeTenantsInput!) { mergeTenants(input: $input) { code retired } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTenantHistory($code: String!) {\n    tenant(code: $code) { code name history(first: 100) { nodes { at action detail actor } } }\n  }\n"): (typeof documents)["\n  query AdminTenantHistory($code: String!) {\n    tenant(code: $code) { code name history(first: 100) { nodes { at action detail actor } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsers($first: Int, $after: String, $tenantCode: String) {\n    users(first: $first, after: $after, tenantCode: $tenantCode) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        username\n        displayName\n        disabled\n        createdAt\n        organisationId\n        roles\n        tenant { code name level }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsers($first: Int, $after: String, $tenantCode: String) {\n    users(first: $first, after: $after, tenantCode: $tenantCode) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id\n        username\n        displayName\n        disabled\n        createdAt\n        organisationId\n        roles\n        tenant { code name level }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AdminRoles { roles { name adminGroup } }"): (typeof documents)["query AdminRoles { roles { name adminGroup } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminOrgOptions { organisations(first: 100) { nodes { id name tenantCode kind disabled } } }\n"): (typeof documents)["\n  query AdminOrgOptions { organisations(first: 100) { nodes { id name tenantCode kind disabled } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n"): (typeof documents)["\n  mutation AdminCreateUser($input: CreateUserInput!) {\n    createUser(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminSetUserDisabled($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { id disabled } }\n"): (typeof documents)["\n  mutation AdminSetUserDisabled($input: SetUserDisabledInput!) { setUserDisabled(input: $input) { id disabled } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { id } }\n"): (typeof documents)["\n  mutation AdminResetPassword($input: ResetPasswordInput!) { resetPassword(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminAssignRole($input: RoleInput!) {\n    assignRole(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n"): (typeof documents)["\n  mutation AdminAssignRole($input: RoleInput!) {\n    assignRole(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRevokeRole($input: RoleInput!) {\n    revokeRole(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n"): (typeof documents)["\n  mutation AdminRevokeRole($input: RoleInput!) {\n    revokeRole(input: $input) { id username displayName disabled createdAt organisationId roles tenant { code name level } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminTenants($first: Int, $after: String, $includeRetired: Boolean!) {\n    tenants(first: $first, after: $after, includeRetired: $includeRetired) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        code\n        name\n        departmentName\n        level\n        retired\n        validFrom\n        validTo\n        parent { code name }\n        successor { code name }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminTenants($first: Int, $after: String, $includeRetired: Boolean!) {\n    tenants(first: $first, after: $after, includeRetired: $includeRetired) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        code\n        name\n        departmentName\n        level\n        retired\n        validFrom\n        validTo\n        parent { code name }\n        successor { code name }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditEnterprisePanel($enterpriseId: String!) {\n    creditGrade(enterpriseId: $enterpriseId) { enterpriseId grade reasons { code zh effect } computedAt }\n    commitments(enterpriseId: $enterpriseId) { id text madeAt brokenAt brokenReason }\n    creditListings(enterpriseId: $enterpriseId, first: 10) { total items { id triggerName trigger state stateName proposedAt } }\n  }\n"): (typeof documents)["\n  query CreditEnterprisePanel($enterpriseId: String!) {\n    creditGrade(enterpriseId: $enterpriseId) { enterpriseId grade reasons { code zh effect } computedAt }\n    commitments(enterpriseId: $enterpriseId) { id text madeAt brokenAt brokenReason }\n    creditListings(enterpriseId: $enterpriseId, first: 10) { total items { id triggerName trigger state stateName proposedAt } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreditMakeCommitment($enterpriseId: String!, $text: String!) { makeCommitment(enterpriseId: $enterpriseId, text: $text) { id } }"): (typeof documents)["mutation CreditMakeCommitment($enterpriseId: String!, $text: String!) { makeCommitment(enterpriseId: $enterpriseId, text: $text) { id } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreditBreakCommitment($id: String!, $reason: String!) { breakCommitment(id: $id, reason: $reason) { id brokenAt } }"): (typeof documents)["mutation CreditBreakCommitment($id: String!, $reason: String!) { breakCommitment(id: $id, reason: $reason) { id brokenAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc } }\n  }\n"): (typeof documents)["\n  query CreditEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditEvents($county: String, $enterpriseId: String, $unlisted: Boolean, $first: Int!, $offset: Int!) {\n    creditEvents(county: $county, enterpriseId: $enterpriseId, unlisted: $unlisted, first: $first, offset: $offset) {\n      total\n      items { id county enterpriseId enterpriseName uscc source trigger triggerName refId detail occurredAt listingId proposable withdrawnAt withdrawnReason }\n    }\n  }\n"): (typeof documents)["\n  query CreditEvents($county: String, $enterpriseId: String, $unlisted: Boolean, $first: Int!, $offset: Int!) {\n    creditEvents(county: $county, enterpriseId: $enterpriseId, unlisted: $unlisted, first: $first, offset: $offset) {\n      total\n      items { id county enterpriseId enterpriseName uscc source trigger triggerName refId detail occurredAt listingId proposable withdrawnAt withdrawnReason }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CreditTriggers { creditTriggers { code zh propose termMonths } }"): (typeof documents)["query CreditTriggers { creditTriggers { code zh propose termMonths } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreditProposeListing($input: ProposeListingInput!) { proposeListing(input: $input) { id state } }\n"): (typeof documents)["\n  mutation CreditProposeListing($input: ProposeListingInput!) { proposeListing(input: $input) { id state } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreditRecordEvent($input: CreditEventInput!) { recordCreditEvent(input: $input) { id enterpriseName listingId } }\n"): (typeof documents)["\n  mutation CreditRecordEvent($input: CreditEventInput!) { recordCreditEvent(input: $input) { id enterpriseName listingId } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreditNotifyListing($id: String!) { notifyListing(id: $id) { id state version } }"): (typeof documents)["mutation CreditNotifyListing($id: String!) { notifyListing(id: $id) { id state version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreditStateDefence($id: String!, $defence: String!) { stateListingDefence(id: $id, defence: $defence) { id state version } }"): (typeof documents)["mutation CreditStateDefence($id: String!, $defence: String!) { stateListingDefence(id: $id, defence: $defence) { id state version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreditDecideListing($id: String!, $list: Boolean!, $answer: String!) { decideListing(id: $id, list: $list, answer: $answer) { id state version } }"): (typeof documents)["mutation CreditDecideListing($id: String!, $list: Boolean!, $answer: String!) { decideListing(id: $id, list: $list, answer: $answer) { id state version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreditPublishListing($id: String!) { publishListing(id: $id) { id state version } }"): (typeof documents)["mutation CreditPublishListing($id: String!) { publishListing(id: $id) { id state version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreditApplyRemoval($id: String!, $kind: String!, $statement: String!) { applyListingRemoval(id: $id, kind: $kind, statement: $statement) { id state version } }"): (typeof documents)["mutation CreditApplyRemoval($id: String!, $kind: String!, $statement: String!) { applyListingRemoval(id: $id, kind: $kind, statement: $statement) { id state version } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreditReviewRemoval($id: String!, $outcome: String!, $note: String!, $extendMonths: Int) {\n    reviewListingRemoval(id: $id, outcome: $outcome, note: $note, extendMonths: $extendMonths) { id state version }\n  }\n"): (typeof documents)["\n  mutation CreditReviewRemoval($id: String!, $outcome: String!, $note: String!, $extendMonths: Int) {\n    reviewListingRemoval(id: $id, outcome: $outcome, note: $note, extendMonths: $extendMonths) { id state version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreditCompleteTask($id: String!, $note: String!) { completeCreditTask(id: $id, note: $note) { id doneAt } }"): (typeof documents)["mutation CreditCompleteTask($id: String!, $note: String!) { completeCreditTask(id: $id, note: $note) { id doneAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditListing($id: String!) {\n    creditListing(id: $id) {\n      id county countyName enterpriseId enterpriseName uscc trigger triggerName state stateName reason termMonths measures\n      proposedAt proposedBy notifiedAt defenceDueAt defence defenceAt defenceAnswer decidedAt decidedBy publishedAt startsAt endsAt\n      removalKind removalStatement removalAppliedAt reviewNote removedAt canDecide removalWindowOpensAt earlyRepairFrom version\n      events { id source trigger triggerName refId detail occurredAt withdrawnAt withdrawnReason }\n      steps { at actor action note }\n      tasks { id kind dueAt doneAt doneBy note }\n    }\n  }\n"): (typeof documents)["\n  query CreditListing($id: String!) {\n    creditListing(id: $id) {\n      id county countyName enterpriseId enterpriseName uscc trigger triggerName state stateName reason termMonths measures\n      proposedAt proposedBy notifiedAt defenceDueAt defence defenceAt defenceAnswer decidedAt decidedBy publishedAt startsAt endsAt\n      removalKind removalStatement removalAppliedAt reviewNote removedAt canDecide removalWindowOpensAt earlyRepairFrom version\n      events { id source trigger triggerName refId detail occurredAt withdrawnAt withdrawnReason }\n      steps { at actor action note }\n      tasks { id kind dueAt doneAt doneBy note }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditListings($state: String, $county: String, $enterpriseId: String, $first: Int!, $offset: Int!) {\n    creditListings(state: $state, county: $county, enterpriseId: $enterpriseId, first: $first, offset: $offset) {\n      total\n      items { id county countyName enterpriseId enterpriseName uscc trigger triggerName state stateName proposedAt decidedAt startsAt endsAt }\n    }\n  }\n"): (typeof documents)["\n  query CreditListings($state: String, $county: String, $enterpriseId: String, $first: Int!, $offset: Int!) {\n    creditListings(state: $state, county: $county, enterpriseId: $enterpriseId, first: $first, offset: $offset) {\n      total\n      items { id county countyName enterpriseId enterpriseName uscc trigger triggerName state stateName proposedAt decidedAt startsAt endsAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditPenalties($county: String, $year: Int, $search: String, $first: Int!, $offset: Int!) {\n    penalties(county: $county, year: $year, search: $search, first: $first, offset: $offset) {\n      total\n      items {\n        id county caseNumber year partyKind partyName partyUscc penaltyType penaltyTypeName amountYuan decidedAt\n        enforcement appeal state publishDueAt publishedAt publishedLate\n      }\n    }\n  }\n"): (typeof documents)["\n  query CreditPenalties($county: String, $year: Int, $search: String, $first: Int!, $offset: Int!) {\n    penalties(county: $county, year: $year, search: $search, first: $first, offset: $offset) {\n      total\n      items {\n        id county caseNumber year partyKind partyName partyUscc penaltyType penaltyTypeName amountYuan decidedAt\n        enforcement appeal state publishDueAt publishedAt publishedLate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditPenalty($id: String!) {\n    penalty(id: $id) {\n      id county caseNumber year partyKind enterpriseId partyName partyUscc personIdNumber violation article penaltyType penaltyTypeName\n      amountYuan decidedAt enforcement appeal documents workingWhileStopped state publishDueAt publishedAt publishedLate publicSummary version\n    }\n  }\n"): (typeof documents)["\n  query CreditPenalty($id: String!) {\n    penalty(id: $id) {\n      id county caseNumber year partyKind enterpriseId partyName partyUscc personIdNumber violation article penaltyType penaltyTypeName\n      amountYuan decidedAt enforcement appeal documents workingWhileStopped state publishDueAt publishedAt publishedLate publicSummary version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreditUpdatePenaltyStatus($id: String!, $enforcement: String, $appeal: String) {\n    updatePenaltyStatus(id: $id, enforcement: $enforcement, appeal: $appeal) { id enforcement appeal version }\n  }\n"): (typeof documents)["\n  mutation CreditUpdatePenaltyStatus($id: String!, $enforcement: String, $appeal: String) {\n    updatePenaltyStatus(id: $id, enforcement: $enforcement, appeal: $appeal) { id enforcement appeal version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreditPublishPenalty($id: String!, $publicSummary: String!) {\n    publishPenalty(id: $id, publicSummary: $publicSummary) { id state publishedAt publishedLate publicSummary version }\n  }\n"): (typeof documents)["\n  mutation CreditPublishPenalty($id: String!, $publicSummary: String!) {\n    publishPenalty(id: $id, publicSummary: $publicSummary) { id state publishedAt publishedLate publicSummary version }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CreditPenaltyTypes { penaltyTypes { code zh } }"): (typeof documents)["query CreditPenaltyTypes { penaltyTypes { code zh } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreditRecordPenalty($input: PenaltyInput!) { recordPenalty(input: $input) { id caseNumber } }"): (typeof documents)["mutation CreditRecordPenalty($input: PenaltyInput!) { recordPenalty(input: $input) { id caseNumber } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditPublicBlacklist($current: Boolean!, $search: String, $first: Int!, $offset: Int!) {\n    publicBlacklist(current: $current, search: $search, first: $first, offset: $offset) {\n      total\n      items { enterpriseName uscc county countyName trigger triggerName publishedAt startsAt endsAt removedAt state measures }\n    }\n  }\n"): (typeof documents)["\n  query CreditPublicBlacklist($current: Boolean!, $search: String, $first: Int!, $offset: Int!) {\n    publicBlacklist(current: $current, search: $search, first: $first, offset: $offset) {\n      total\n      items { enterpriseName uscc county countyName trigger triggerName publishedAt startsAt endsAt removedAt state measures }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditPublicPenalties($search: String, $first: Int!, $offset: Int!) {\n    publicPenalties(search: $search, first: $first, offset: $offset) {\n      total\n      items { caseNumber authority partyName partyUscc violation article penaltyType penaltyTypeName amountYuan decidedAt publishedAt publicSummary }\n    }\n  }\n"): (typeof documents)["\n  query CreditPublicPenalties($search: String, $first: Int!, $offset: Int!) {\n    publicPenalties(search: $search, first: $first, offset: $offset) {\n      total\n      items { caseNumber authority partyName partyUscc violation article penaltyType penaltyTypeName amountYuan decidedAt publishedAt publicSummary }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditPublicSearch($name: String!) {\n    publicCreditSearch(name: $name) { enterpriseName uscc countyName grade }\n  }\n"): (typeof documents)["\n  query CreditPublicSearch($name: String!) {\n    publicCreditSearch(name: $name) { enterpriseName uscc countyName grade }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CreditPublicProfile($uscc: String!) {\n    publicCreditProfile(uscc: $uscc) {\n      enterpriseName uscc countyName grade\n      reasons { code zh effect }\n      certificates { number grade validUntil status }\n      penalties { caseNumber authority partyName violation article penaltyTypeName amountYuan decidedAt publishedAt publicSummary }\n      listings { triggerName trigger publishedAt startsAt endsAt removedAt state measures }\n      commitments { text madeAt broken }\n    }\n  }\n"): (typeof documents)["\n  query CreditPublicProfile($uscc: String!) {\n    publicCreditProfile(uscc: $uscc) {\n      enterpriseName uscc countyName grade\n      reasons { code zh effect }\n      certificates { number grade validUntil status }\n      penalties { caseNumber authority partyName violation article penaltyTypeName amountYuan decidedAt publishedAt publicSummary }\n      listings { triggerName trigger publishedAt startsAt endsAt removedAt state measures }\n      commitments { text madeAt broken }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ChangeRequestEnterprise($id: String!) { enterprise(id: $id) { ...EnterpriseFields } }"): (typeof documents)["query ChangeRequestEnterprise($id: String!) { enterprise(id: $id) { ...EnterpriseFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseChangeRequests($status: String) {\n    enterpriseChangeRequests(status: $status) { id enterpriseId tenantCode requestedBy changes status reason decidedBy createdAt }\n  }\n"): (typeof documents)["\n  query EnterpriseChangeRequests($status: String) {\n    enterpriseChangeRequests(status: $status) { id enterpriseId tenantCode requestedBy changes status reason decidedBy createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideEnterpriseChange($input: DecideChangeInput!) {\n    decideEnterpriseChange(input: $input) { id status reason decidedBy }\n  }\n"): (typeof documents)["\n  mutation DecideEnterpriseChange($input: DecideChangeInput!) {\n    decideEnterpriseChange(input: $input) { id status reason decidedBy }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseDetail($id: String!) {\n    enterprise(id: $id) {\n      ...EnterpriseFields\n      history(first: 100) { totalCount nodes { cursor at actor operation changes } }\n    }\n  }\n"): (typeof documents)["\n  query EnterpriseDetail($id: String!) {\n    enterprise(id: $id) {\n      ...EnterpriseFields\n      history(first: 100) { totalCount nodes { cursor at actor operation changes } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseHazards($id: String!) {\n    hazards(filter: { enterpriseId: $id }, first: 20) {\n      totalCount\n      nodes { id description level stateName foundAt overdue }\n    }\n  }\n"): (typeof documents)["\n  query EnterpriseHazards($id: String!) {\n    hazards(filter: { enterpriseId: $id }, first: 20) {\n      totalCount\n      nodes { id description level stateName foundAt overdue }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CloseEnterprise($id: String!) { closeEnterprise(id: $id) { id status updatedAt } }"): (typeof documents)["mutation CloseEnterprise($id: String!) { closeEnterprise(id: $id) { id status updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ReopenEnterprise($id: String!) { reopenEnterprise(id: $id) { id status updatedAt } }"): (typeof documents)["mutation ReopenEnterprise($id: String!) { reopenEnterprise(id: $id) { id status updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TransferEnterprise($id: String!, $divisionCode: String!) {\n    transferEnterprise(id: $id, divisionCode: $divisionCode) { id tenantCode divisionCode updatedAt }\n  }\n"): (typeof documents)["\n  mutation TransferEnterprise($id: String!, $divisionCode: String!) {\n    transferEnterprise(id: $id, divisionCode: $divisionCode) { id tenantCode divisionCode updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EnterpriseFields on Enterprise {\n    id tenantCode uscc name legalRepresentative principal principalPhone safetyManager safetyManagerPhone\n    registeredAddress productionAddress divisionCode latitude longitude industry industryName industrySubtype gbt4754\n    registrationType sizeBand sizeBandOverridden aboveDesignatedSize staffCount revenueWan foundedOn status\n    safetyStaff safetyEngineers riskFlags maxHazardGrade createdAt updatedAt\n    licences { kind number scope issuedOn expiresOn }\n    division { code countyCode countyName cityCode cityName }\n    majorHazards { name rValue grade }\n  }\n"): (typeof documents)["\n  fragment EnterpriseFields on Enterprise {\n    id tenantCode uscc name legalRepresentative principal principalPhone safetyManager safetyManagerPhone\n    registeredAddress productionAddress divisionCode latitude longitude industry industryName industrySubtype gbt4754\n    registrationType sizeBand sizeBandOverridden aboveDesignatedSize staffCount revenueWan foundedOn status\n    safetyStaff safetyEngineers riskFlags maxHazardGrade createdAt updatedAt\n    licences { kind number scope issuedOn expiresOn }\n    division { code countyCode countyName cityCode cityName }\n    majorHazards { name rValue grade }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query EnterpriseForEdit($id: String!) { enterprise(id: $id) { ...EnterpriseFields } }"): (typeof documents)["query EnterpriseForEdit($id: String!) { enterprise(id: $id) { ...EnterpriseFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation CreateEnterprise($input: EnterpriseInput!) { createEnterprise(input: $input) { ...EnterpriseFields } }"): (typeof documents)["mutation CreateEnterprise($input: EnterpriseInput!) { createEnterprise(input: $input) { ...EnterpriseFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation UpdateEnterprise($id: String!, $input: EnterpriseInput!) { updateEnterprise(id: $id, input: $input) { ...EnterpriseFields } }"): (typeof documents)["mutation UpdateEnterprise($id: String!, $input: EnterpriseInput!) { updateEnterprise(id: $id, input: $input) { ...EnterpriseFields } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseHome($soon: String!, $decide: Boolean!, $jobs: Boolean!) {\n    all: enterprises(first: 1) { totalCount }\n    expiring: enterprises(filter: { licenceExpiringBefore: $soon }, first: 1) { totalCount }\n    grade1: enterprises(filter: { majorHazardGrade: 1 }, first: 1) { totalCount }\n    grade2: enterprises(filter: { majorHazardGrade: 2 }, first: 1) { totalCount }\n    pending: enterpriseChangeRequests(status: \"pending\") @include(if: $decide) { id }\n    running: jobs(status: \"running\", first: 100) @include(if: $jobs) { nodes { kind } }\n    queued: jobs(status: \"queued\", first: 100) @include(if: $jobs) { nodes { kind } }\n  }\n"): (typeof documents)["\n  query EnterpriseHome($soon: String!, $decide: Boolean!, $jobs: Boolean!) {\n    all: enterprises(first: 1) { totalCount }\n    expiring: enterprises(filter: { licenceExpiringBefore: $soon }, first: 1) { totalCount }\n    grade1: enterprises(filter: { majorHazardGrade: 1 }, first: 1) { totalCount }\n    grade2: enterprises(filter: { majorHazardGrade: 2 }, first: 1) { totalCount }\n    pending: enterpriseChangeRequests(status: \"pending\") @include(if: $decide) { id }\n    running: jobs(status: \"running\", first: 100) @include(if: $jobs) { nodes { kind } }\n    queued: jobs(status: \"queued\", first: 100) @include(if: $jobs) { nodes { kind } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ImportTenants { tenants(level: COUNTY, first: 200) { nodes { code name } } }"): (typeof documents)["query ImportTenants { tenants(level: COUNTY, first: 200) { nodes { code name } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportEnterprises($input: ImportEnterprisesInput!) {\n    importEnterprises(input: $input) { id status rowsRead }\n  }\n"): (typeof documents)["\n  mutation ImportEnterprises($input: ImportEnterprisesInput!) {\n    importEnterprises(input: $input) { id status rowsRead }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseImportState($id: String!) {\n    enterpriseImport(id: $id) {\n      id tenantCode status rowsRead inserted updated unchanged rejected aborted rejections warnings error createdAt updatedAt\n    }\n  }\n"): (typeof documents)["\n  query EnterpriseImportState($id: String!) {\n    enterpriseImport(id: $id) {\n      id tenantCode status rowsRead inserted updated unchanged rejected aborted rejections warnings error createdAt updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseList($filter: EnterpriseFilter, $orderBy: EnterpriseSort!, $descending: Boolean!, $first: Int, $after: String) {\n    enterprises(filter: $filter, orderBy: $orderBy, descending: $descending, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id uscc name tenantCode industry industryName sizeBand status divisionCode principal principalPhone\n        productionAddress staffCount maxHazardGrade riskFlags updatedAt\n        licences { kind expiresOn }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EnterpriseList($filter: EnterpriseFilter, $orderBy: EnterpriseSort!, $descending: Boolean!, $first: Int, $after: String) {\n    enterprises(filter: $filter, orderBy: $orderBy, descending: $descending, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id uscc name tenantCode industry industryName sizeBand status divisionCode principal principalPhone\n        productionAddress staffCount maxHazardGrade riskFlags updatedAt\n        licences { kind expiresOn }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseTenants { tenants(level: COUNTY, first: 200) { nodes { code name } } }\n"): (typeof documents)["\n  query EnterpriseTenants { tenants(level: COUNTY, first: 200) { nodes { code name } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EnterpriseExport($filter: EnterpriseFilter, $format: ExchangeFormat!) { enterpriseExport(filter: $filter, format: $format) }\n"): (typeof documents)["\n  query EnterpriseExport($filter: EnterpriseFilter, $format: ExchangeFormat!) { enterpriseExport(filter: $filter, format: $format) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyEnterprise {\n    myEnterprise { ...EnterpriseFields }\n    enterpriseChangeRequests { id enterpriseId tenantCode requestedBy changes status reason decidedBy createdAt }\n  }\n"): (typeof documents)["\n  query MyEnterprise {\n    myEnterprise { ...EnterpriseFields }\n    enterpriseChangeRequests { id enterpriseId tenantCode requestedBy changes status reason decidedBy createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitEnterpriseChange($input: EnterpriseInput!) {\n    submitEnterpriseChange(input: $input) { id status createdAt }\n  }\n"): (typeof documents)["\n  mutation SubmitEnterpriseChange($input: EnterpriseInput!) {\n    submitEnterpriseChange(input: $input) { id status createdAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HazardAttachmentContent($hazardId: String!, $id: String!) {\n    hazardAttachmentContent(hazardId: $hazardId, id: $id)\n  }\n"): (typeof documents)["\n  query HazardAttachmentContent($hazardId: String!, $id: String!) {\n    hazardAttachmentContent(hazardId: $hazardId, id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardRectify($id: String!, $input: RectificationInput!) { submitHazardRectification(id: $id, input: $input) { id state } }"): (typeof documents)["mutation HazardRectify($id: String!, $input: RectificationInput!) { submitHazardRectification(id: $id, input: $input) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardAccept($id: String!, $comment: String, $attachmentIds: [String!]) { acceptHazard(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }"): (typeof documents)["mutation HazardAccept($id: String!, $comment: String, $attachmentIds: [String!]) { acceptHazard(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardReturn($id: String!, $reason: String!, $attachmentIds: [String!]) { returnHazard(id: $id, reason: $reason, attachmentIds: $attachmentIds) { id state } }"): (typeof documents)["mutation HazardReturn($id: String!, $reason: String!, $attachmentIds: [String!]) { returnHazard(id: $id, reason: $reason, attachmentIds: $attachmentIds) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardVerify($id: String!, $input: VerifyHazardInput!) { verifyHazard(id: $id, input: $input) { id state } }"): (typeof documents)["mutation HazardVerify($id: String!, $input: VerifyHazardInput!) { verifyHazard(id: $id, input: $input) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardListForSupervision($id: String!, $comment: String) { listHazard(id: $id, comment: $comment) { id state } }"): (typeof documents)["mutation HazardListForSupervision($id: String!, $comment: String) { listHazard(id: $id, comment: $comment) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardFilePlan($id: String!, $plan: GovernancePlanInput!, $comment: String, $attachmentIds: [String!]) { fileHazardGovernancePlan(id: $id, plan: $plan, comment: $comment, attachmentIds: $attachmentIds) { id state } }"): (typeof documents)["mutation HazardFilePlan($id: String!, $plan: GovernancePlanInput!, $comment: String, $attachmentIds: [String!]) { fileHazardGovernancePlan(id: $id, plan: $plan, comment: $comment, attachmentIds: $attachmentIds) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardProgress($id: String!, $comment: String!, $attachmentIds: [String!]) { reportHazardProgress(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }"): (typeof documents)["mutation HazardProgress($id: String!, $comment: String!, $attachmentIds: [String!]) { reportHazardProgress(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardEvaluation($id: String!, $comment: String!, $attachmentIds: [String!]) { submitHazardEvaluation(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }"): (typeof documents)["mutation HazardEvaluation($id: String!, $comment: String!, $attachmentIds: [String!]) { submitHazardEvaluation(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardApplyToClose($id: String!, $comment: String, $attachmentIds: [String!]) { applyToCloseHazard(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }"): (typeof documents)["mutation HazardApplyToClose($id: String!, $comment: String, $attachmentIds: [String!]) { applyToCloseHazard(id: $id, comment: $comment, attachmentIds: $attachmentIds) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardSiteCheck($id: String!, $passed: Boolean!, $comment: String, $attachmentIds: [String!]) { recordHazardSiteCheck(id: $id, passed: $passed, comment: $comment, attachmentIds: $attachmentIds) { id state } }"): (typeof documents)["mutation HazardSiteCheck($id: String!, $passed: Boolean!, $comment: String, $attachmentIds: [String!]) { recordHazardSiteCheck(id: $id, passed: $passed, comment: $comment, attachmentIds: $attachmentIds) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation HazardClose($id: String!, $comment: String) { closeHazard(id: $id, comment: $comment) { id state } }"): (typeof documents)["mutation HazardClose($id: String!, $comment: String) { closeHazard(id: $id, comment: $comment) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HazardStepUpload($hazardId: String!, $file: Upload!) {\n    uploadHazardAttachment(hazardId: $hazardId, file: $file) { id }\n  }\n"): (typeof documents)["\n  mutation HazardStepUpload($hazardId: String!, $file: Upload!) {\n    uploadHazardAttachment(hazardId: $hazardId, file: $file) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HazardDetail($id: String!) {\n    hazard(id: $id) {\n      id tenantCode enterpriseId enterpriseUscc enterpriseName industry divisionCode source category level state stateName\n      description location foundAt reporter responsiblePerson measures deadline fundsWan contingencyPlan\n      majorReport { stateAndCause harmAndDifficulty }\n      governancePlan { goals measures fundsAndMaterials responsible timeLimit safetyAndEmergency }\n      listingLevel inspector overdue listed siteCheckDue version createdAt updatedAt closedAt\n      timeline { seq at actor action fromState toState comment attachmentIds }\n      attachments { id name contentType size uploadedBy createdAt }\n      nextActions\n    }\n    hazardTransitions { action fromState party }\n  }\n"): (typeof documents)["\n  query HazardDetail($id: String!) {\n    hazard(id: $id) {\n      id tenantCode enterpriseId enterpriseUscc enterpriseName industry divisionCode source category level state stateName\n      description location foundAt reporter responsiblePerson measures deadline fundsWan contingencyPlan\n      majorReport { stateAndCause harmAndDifficulty }\n      governancePlan { goals measures fundsAndMaterials responsible timeLimit safetyAndEmergency }\n      listingLevel inspector overdue listed siteCheckDue version createdAt updatedAt closedAt\n      timeline { seq at actor action fromState toState comment attachmentIds }\n      attachments { id name contentType size uploadedBy createdAt }\n      nextActions\n    }\n    hazardTransitions { action fromState party }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HazardHomeFigures {\n    overdue: hazards(filter: { overdue: true, open: true }, first: 1) { totalCount }\n    awaiting: hazards(filter: { state: \"awaiting-acceptance\" }, first: 1) { totalCount }\n    listed: hazards(filter: { state: \"listed\", level: \"major\" }, first: 1) { totalCount }\n    open: hazards(filter: { open: true }, first: 1) { totalCount }\n  }\n"): (typeof documents)["\n  query HazardHomeFigures {\n    overdue: hazards(filter: { overdue: true, open: true }, first: 1) { totalCount }\n    awaiting: hazards(filter: { state: \"awaiting-acceptance\" }, first: 1) { totalCount }\n    listed: hazards(filter: { state: \"listed\", level: \"major\" }, first: 1) { totalCount }\n    open: hazards(filter: { open: true }, first: 1) { totalCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HazardList($filter: HazardFilter, $first: Int, $after: String) {\n    hazards(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id enterpriseName category level state stateName source description foundAt deadline overdue listed tenantCode\n      }\n    }\n  }\n"): (typeof documents)["\n  query HazardList($filter: HazardFilter, $first: Int, $after: String) {\n    hazards(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes {\n        id enterpriseName category level state stateName source description foundAt deadline overdue listed tenantCode\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HazardCategories { hazardRules { categories } }"): (typeof documents)["query HazardCategories { hazardRules { categories } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportHazard($input: ReportHazardInput!) {\n    reportHazard(input: $input) { id state }\n  }\n"): (typeof documents)["\n  mutation ReportHazard($input: ReportHazardInput!) {\n    reportHazard(input: $input) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadHazardAttachment($hazardId: String!, $file: Upload!) {\n    uploadHazardAttachment(hazardId: $hazardId, file: $file) { id name contentType }\n  }\n"): (typeof documents)["\n  mutation UploadHazardAttachment($hazardId: String!, $file: Upload!) {\n    uploadHazardAttachment(hazardId: $hazardId, file: $file) { id name contentType }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HazardEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc tenantCode } }\n  }\n"): (typeof documents)["\n  query HazardEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc tenantCode } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HazardReportRules { hazardRules { categories } }"): (typeof documents)["query HazardReportRules { hazardRules { categories } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HazardStats($filter: HazardStatsFilter) {\n    byDivision: hazardStatistics(filter: $filter, groupBy: DIVISION) {\n      division\n      total { key name found rectified open rectificationRate overdue onTime onTimeRate listed listedClosed }\n      rows { key name found rectified open rectificationRate overdue onTime onTimeRate listed listedClosed }\n    }\n    byMonth: hazardStatistics(filter: $filter, groupBy: MONTH) {\n      rows { key found rectified open overdue }\n    }\n  }\n"): (typeof documents)["\n  query HazardStats($filter: HazardStatsFilter) {\n    byDivision: hazardStatistics(filter: $filter, groupBy: DIVISION) {\n      division\n      total { key name found rectified open rectificationRate overdue onTime onTimeRate listed listedClosed }\n      rows { key name found rectified open rectificationRate overdue onTime onTimeRate listed listedClosed }\n    }\n    byMonth: hazardStatistics(filter: $filter, groupBy: MONTH) {\n      rows { key found rectified open overdue }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HazardStatsTenant($division: String!) {\n    tenant(code: $division) { code name level parent { code name level parent { code name level } } }\n  }\n"): (typeof documents)["\n  query HazardStatsTenant($division: String!) {\n    tenant(code: $division) { code name level parent { code name level parent { code name level } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HazardStatsCsv($filter: HazardStatsFilter) { hazardStatisticsCsv(filter: $filter, groupBy: DIVISION) }\n"): (typeof documents)["\n  query HazardStatsCsv($filter: HazardStatsFilter) { hazardStatisticsCsv(filter: $filter, groupBy: DIVISION) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicHazardInbox($status: String, $first: Int, $after: String) {\n    publicHazardReports(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id county enterpriseName enterpriseUscc address description reporterName reporterPhone status reason hazardId createdAt }\n    }\n    hazardRules { categories }\n  }\n"): (typeof documents)["\n  query PublicHazardInbox($status: String, $first: Int, $after: String) {\n    publicHazardReports(status: $status, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id county enterpriseName enterpriseUscc address description reporterName reporterPhone status reason hazardId createdAt }\n    }\n    hazardRules { categories }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptPublicHazardReport($id: String!, $input: ReportHazardInput!) {\n    acceptPublicHazardReport(id: $id, input: $input) { id }\n  }\n"): (typeof documents)["\n  mutation AcceptPublicHazardReport($id: String!, $input: ReportHazardInput!) {\n    acceptPublicHazardReport(id: $id, input: $input) { id }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissPublicHazardReport($id: String!, $reason: String!) {\n    dismissPublicHazardReport(id: $id, reason: $reason) { id status reason }\n  }\n"): (typeof documents)["\n  mutation DismissPublicHazardReport($id: String!, $reason: String!) {\n    dismissPublicHazardReport(id: $id, reason: $reason) { id status reason }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicReportEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc } }\n  }\n"): (typeof documents)["\n  query PublicReportEnterpriseSearch($search: String) {\n    enterprises(filter: { search: $search }, first: 20) { nodes { id name uscc } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PluginInvocations($tenantCode: String!, $name: String!, $last: Int!) {\n    pluginInvocations(tenantCode: $tenantCode, name: $name, last: $last) {\n      id name version versionId hook at input output\n      failure { code message }\n      logs { level message }\n      fuelUsed durationMicros\n    }\n  }\n"): (typeof documents)["\n  query PluginInvocations($tenantCode: String!, $name: String!, $last: Int!) {\n    pluginInvocations(tenantCode: $tenantCode, name: $name, last: $last) {\n      id name version versionId hook at input output\n      failure { code message }\n      logs { level message }\n      fuelUsed durationMicros\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PluginPolicy {\n    pluginPolicy {\n      hooks { name interface kind allowed }\n      ceilings { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      maxConcurrentPerTenant\n    }\n  }\n"): (typeof documents)["\n  query PluginPolicy {\n    pluginPolicy {\n      hooks { name interface kind allowed }\n      ceilings { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      maxConcurrentPerTenant\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetPluginPolicy($input: PluginPolicyInput!) {\n    setPluginPolicy(input: $input) {\n      hooks { name interface kind allowed }\n      ceilings { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      maxConcurrentPerTenant\n    }\n  }\n"): (typeof documents)["\n  mutation SetPluginPolicy($input: PluginPolicyInput!) {\n    setPluginPolicy(input: $input) {\n      hooks { name interface kind allowed }\n      ceilings { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      maxConcurrentPerTenant\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation BanPlugin($sha256: String!, $reason: String!) { banPlugin(sha256: $sha256, reason: $reason) }"): (typeof documents)["mutation BanPlugin($sha256: String!, $reason: String!) { banPlugin(sha256: $sha256, reason: $reason) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PluginSettings($tenantCode: String!, $name: String!) {\n    pluginSettings(tenantCode: $tenantCode, name: $name) {\n      tenantCode name position failOpen\n      limits { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      config { key value }\n    }\n  }\n"): (typeof documents)["\n  query PluginSettings($tenantCode: String!, $name: String!) {\n    pluginSettings(tenantCode: $tenantCode, name: $name) {\n      tenantCode name position failOpen\n      limits { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      config { key value }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfigurePlugin($input: ConfigurePluginInput!) {\n    configurePlugin(input: $input) {\n      tenantCode name position failOpen\n      limits { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      config { key value }\n    }\n  }\n"): (typeof documents)["\n  mutation ConfigurePlugin($input: ConfigurePluginInput!) {\n    configurePlugin(input: $input) {\n      tenantCode name position failOpen\n      limits { fuel deadlineMs memoryBytes tableElements inputBytes outputBytes logBytes }\n      config { key value }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TestPlugin($id: String!, $hook: String!, $input: JSON, $replayOf: String) {\n    testPlugin(id: $id, hook: $hook, input: $input, replayOf: $replayOf) {\n      ok\n      output\n      failure { code message }\n      logs { level message }\n      fuelUsed\n      durationMicros\n      version { id state updatedAt }\n    }\n  }\n"): (typeof documents)["\n  mutation TestPlugin($id: String!, $hook: String!, $input: JSON, $replayOf: String) {\n    testPlugin(id: $id, hook: $hook, input: $input, replayOf: $replayOf) {\n      ok\n      output\n      failure { code message }\n      logs { level message }\n      fuelUsed\n      durationMicros\n      version { id state updatedAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadPlugin($input: UploadPluginInput!, $file: Upload!) {\n    uploadPlugin(input: $input, file: $file) { id name version state compileStatus hooks sha256 }\n  }\n"): (typeof documents)["\n  mutation UploadPlugin($input: UploadPluginInput!, $file: Upload!) {\n    uploadPlugin(input: $input, file: $file) { id name version state compileStatus hooks sha256 }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PluginVersion($id: String!) {\n    pluginVersion(id: $id) {\n      id tenantCode name version author description hooks witVersion sha256 sizeBytes state compileStatus compileError\n      uploadedBy createdAt updatedAt\n    }\n  }\n"): (typeof documents)["\n  query PluginVersion($id: String!) {\n    pluginVersion(id: $id) {\n      id tenantCode name version author description hooks witVersion sha256 sizeBytes state compileStatus compileError\n      uploadedBy createdAt updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PluginSiblings($tenantCode: String!, $name: String!) {\n    pluginVersions(tenantCode: $tenantCode, name: $name) { id name version state compileStatus }\n  }\n"): (typeof documents)["\n  query PluginSiblings($tenantCode: String!, $name: String!) {\n    pluginVersions(tenantCode: $tenantCode, name: $name) { id name version state compileStatus }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PluginVersions($tenantCode: String) {\n    pluginVersions(tenantCode: $tenantCode) {\n      id tenantCode name version author description hooks state compileStatus compileError uploadedBy createdAt updatedAt\n    }\n  }\n"): (typeof documents)["\n  query PluginVersions($tenantCode: String) {\n    pluginVersions(tenantCode: $tenantCode) {\n      id tenantCode name version author description hooks state compileStatus compileError uploadedBy createdAt updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PluginCounties {\n    tenants(level: COUNTY, first: 100) { nodes { code name } }\n  }\n"): (typeof documents)["\n  query PluginCounties {\n    tenants(level: COUNTY, first: 100) { nodes { code name } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ActivatePlugin($id: String!) { activatePlugin(id: $id) { id state updatedAt } }"): (typeof documents)["mutation ActivatePlugin($id: String!) { activatePlugin(id: $id) { id state updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DisablePlugin($id: String!) { disablePlugin(id: $id) { id state updatedAt } }"): (typeof documents)["mutation DisablePlugin($id: String!) { disablePlugin(id: $id) { id state updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RetirePlugin($id: String!) { retirePlugin(id: $id) { id state updatedAt } }"): (typeof documents)["mutation RetirePlugin($id: String!) { retirePlugin(id: $id) { id state updatedAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PublicHazardReportStatus($token: String!) {\n    publicHazardReport(token: $token) { reference status reason hazardState createdAt updatedAt }\n  }\n"): (typeof documents)["\n  query PublicHazardReportStatus($token: String!) {\n    publicHazardReport(token: $token) { reference status reason hazardState createdAt updatedAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitPublicHazardReport($input: PublicReportInput!) {\n    submitPublicHazardReport(input: $input) { reference token }\n  }\n"): (typeof documents)["\n  mutation SubmitPublicHazardReport($input: PublicReportInput!) {\n    submitPublicHazardReport(input: $input) { reference token }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StdCertificateCheck($number: String!, $signature: String) {\n    certificateCheck(number: $number, signature: $signature) {\n      number enterpriseName grade industry issuedAt validUntil status signatureValid publicKey\n    }\n  }\n"): (typeof documents)["\n  query StdCertificateCheck($number: String!, $signature: String) {\n    certificateCheck(number: $number, signature: $signature) {\n      number enterpriseName grade industry issuedAt validUntil status signatureValid publicKey\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StdEnterpriseCertificates($enterpriseId: String!) {\n    standardizationCertificates(enterpriseId: $enterpriseId) { number grade status issuedAt validUntil }\n  }\n"): (typeof documents)["\n  query StdEnterpriseCertificates($enterpriseId: String!) {\n    standardizationCertificates(enterpriseId: $enterpriseId) { number grade status issuedAt validUntil }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StdDialogChecklists { standardizationChecklists { industry version inForce items } }"): (typeof documents)["query StdDialogChecklists { standardizationChecklists { industry version inForce items } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query StdDialogOrganisations { organisations(first: 100) { nodes { id kind name tenantCode disabled } } }"): (typeof documents)["query StdDialogOrganisations { organisations(first: 100) { nodes { id kind name tenantCode disabled } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdSelfAssess($id: String!, $marks: [MarkInput!]!, $checklistVersion: String) {\n    selfAssessStandardization(id: $id, marks: $marks, checklistVersion: $checklistVersion) { id state selfScore }\n  }\n"): (typeof documents)["\n  mutation StdSelfAssess($id: String!, $marks: [MarkInput!]!, $checklistVersion: String) {\n    selfAssessStandardization(id: $id, marks: $marks, checklistVersion: $checklistVersion) { id state selfScore }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdStep($id: String!, $action: StdAction!, $comment: String, $reason: String, $missing: [String!]) {\n    standardizationStep(id: $id, action: $action, comment: $comment, reason: $reason, missing: $missing) { id state }\n  }\n"): (typeof documents)["\n  mutation StdStep($id: String!, $action: StdAction!, $comment: String, $reason: String, $missing: [String!]) {\n    standardizationStep(id: $id, action: $action, comment: $comment, reason: $reason, missing: $missing) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdAssign($id: String!, $reviewUnitId: String!, $organiserId: String!) {\n    assignStandardizationReview(id: $id, reviewUnitId: $reviewUnitId, organiserId: $organiserId) { id state }\n  }\n"): (typeof documents)["\n  mutation StdAssign($id: String!, $reviewUnitId: String!, $organiserId: String!) {\n    assignStandardizationReview(id: $id, reviewUnitId: $reviewUnitId, organiserId: $organiserId) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdReview($id: String!, $reviewers: [ReviewerInput!]!, $marks: [MarkInput!]!) {\n    recordStandardizationReview(id: $id, reviewers: $reviewers, marks: $marks) { id state reviewScore achievedGrade }\n  }\n"): (typeof documents)["\n  mutation StdReview($id: String!, $reviewers: [ReviewerInput!]!, $marks: [MarkInput!]!) {\n    recordStandardizationReview(id: $id, reviewers: $reviewers, marks: $marks) { id state reviewScore achievedGrade }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdObjection($id: String!, $text: String!) { recordStandardizationObjection(id: $id, text: $text) { id state } }\n"): (typeof documents)["\n  mutation StdObjection($id: String!, $text: String!) { recordStandardizationObjection(id: $id, text: $text) { id state } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdResolveObjection($id: String!, $objectionId: String!, $resolution: String!) {\n    resolveStandardizationObjection(id: $id, objectionId: $objectionId, resolution: $resolution) { id state }\n  }\n"): (typeof documents)["\n  mutation StdResolveObjection($id: String!, $objectionId: String!, $resolution: String!) {\n    resolveStandardizationObjection(id: $id, objectionId: $objectionId, resolution: $resolution) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdIssue($id: String!) {\n    issueStandardizationCertificate(id: $id) { number grade status signature qrPayload canonical issuedAt validUntil enterpriseName }\n  }\n"): (typeof documents)["\n  mutation StdIssue($id: String!) {\n    issueStandardizationCertificate(id: $id) { number grade status signature qrPayload canonical issuedAt validUntil enterpriseName }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdApply($input: ApplyInput!) {\n    applyForStandardization(input: $input) { id state }\n  }\n"): (typeof documents)["\n  mutation StdApply($input: ApplyInput!) {\n    applyForStandardization(input: $input) { id state }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StdChecklists { standardizationChecklists { industry version name standard fullScore itemCount inForce loadedAt } }\n"): (typeof documents)["\n  query StdChecklists { standardizationChecklists { industry version name standard fullScore itemCount inForce loadedAt } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdLoadChecklist($checklist: String!) {\n    loadStandardizationChecklist(checklist: $checklist) { industry version inForce itemCount }\n  }\n"): (typeof documents)["\n  mutation StdLoadChecklist($checklist: String!) {\n    loadStandardizationChecklist(checklist: $checklist) { industry version inForce itemCount }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StdApplicationDetail($id: String!) {\n    standardizationApplication(id: $id) {\n      id tenantCode enterpriseId enterpriseName enterpriseUscc industry appliedGrade state stateName systemRunSince deaths\n      seriousAccidents checklistVersion selfScore reviewScore achievedGrade reviewUnitId organiserId review refusal\n      objections { id at text resolution }\n      dueAt overdue noticeEndsAt certificateNumber version updatedAt actions\n      timeline { seq at actor action fromState toState comment details }\n    }\n  }\n"): (typeof documents)["\n  query StdApplicationDetail($id: String!) {\n    standardizationApplication(id: $id) {\n      id tenantCode enterpriseId enterpriseName enterpriseUscc industry appliedGrade state stateName systemRunSince deaths\n      seriousAccidents checklistVersion selfScore reviewScore achievedGrade reviewUnitId organiserId review refusal\n      objections { id at text resolution }\n      dueAt overdue noticeEndsAt certificateNumber version updatedAt actions\n      timeline { seq at actor action fromState toState comment details }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StdHomeFigures { standardizationStatistics { total overdue byState { key count } } }\n"): (typeof documents)["\n  query StdHomeFigures { standardizationStatistics { total overdue byState { key count } } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StdApplicationList($state: String, $overdue: Boolean, $first: Int, $after: String) {\n    standardizationApplications(state: $state, overdue: $overdue, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id enterpriseName appliedGrade achievedGrade state stateName selfScore reviewScore dueAt overdue certificateNumber }\n    }\n  }\n"): (typeof documents)["\n  query StdApplicationList($state: String, $overdue: Boolean, $first: Int, $after: String) {\n    standardizationApplications(state: $state, overdue: $overdue, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id enterpriseName appliedGrade achievedGrade state stateName selfScore reviewScore dueAt overdue certificateNumber }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StdRules { standardizationRules }\n"): (typeof documents)["\n  query StdRules { standardizationRules }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StdSetRules($rules: JSON!) { setStandardizationRules(rules: $rules) }\n"): (typeof documents)["\n  mutation StdSetRules($rules: JSON!) { setStandardizationRules(rules: $rules) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query StdCertificatePdf($enterpriseId: String!) {\n    standardizationCertificates(enterpriseId: $enterpriseId) { number pdf }\n  }\n"): (typeof documents)["\n  query StdCertificatePdf($enterpriseId: String!) {\n    standardizationCertificates(enterpriseId: $enterpriseId) { number pdf }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingResultAttempt($id: String!) {\n    trainingSession(id: $id) { id bookings { candidate { id } attempt { id state answered total } } }\n  }\n"): (typeof documents)["\n  query TrainingResultAttempt($id: String!) {\n    trainingSession(id: $id) { id bookings { candidate { id } attempt { id state answered total } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingAnswerLog($attemptId: String!) { trainingAnswerLog(attemptId: $attemptId) { seq no answer marked at } }\n"): (typeof documents)["\n  query TrainingAnswerLog($attemptId: String!) { trainingAnswerLog(attemptId: $attemptId) { seq no answer marked at } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingSaveBlueprint($input: BlueprintInput!) {\n    trainingSaveBlueprint(input: $input) {\n      id name category operationItem durationMinutes multiplePartial total version\n      parts { kind count points knowledgePoint difficulty }\n    }\n  }\n"): (typeof documents)["\n  mutation TrainingSaveBlueprint($input: BlueprintInput!) {\n    trainingSaveBlueprint(input: $input) {\n      id name category operationItem durationMinutes multiplePartial total version\n      parts { kind count points knowledgePoint difficulty }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingBlueprints {\n    trainingBlueprints {\n      id name category operationItem durationMinutes multiplePartial total version\n      parts { kind count points knowledgePoint difficulty }\n    }\n  }\n"): (typeof documents)["\n  query TrainingBlueprints {\n    trainingBlueprints {\n      id name category operationItem durationMinutes multiplePartial total version\n      parts { kind count points knowledgePoint difficulty }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingRecordHours($input: HoursInput!) { trainingRecordHours(input: $input) { id hours requiredHours eligible } }\n"): (typeof documents)["\n  mutation TrainingRecordHours($input: HoursInput!) { trainingRecordHours(input: $input) { id hours requiredHours eligible } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingExempt($candidateId: String!, $reason: String!) { trainingExempt(candidateId: $candidateId, reason: $reason) { id exemption eligible } }\n"): (typeof documents)["\n  mutation TrainingExempt($candidateId: String!, $reason: String!) { trainingExempt(candidateId: $candidateId, reason: $reason) { id exemption eligible } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingCandidateDetail($id: String!) {\n    trainingCandidate(id: $id) {\n      id tenantId name idNumberMasked enterpriseUscc category operationItem operationName highRisk refresher\n      hours requiredHours exemption eligible needsRetraining createdAt\n      training { institution course hours date }\n      results { id attemptNo sessionId theoryScore practicalScore passed validUntil at }\n      certificates { number status issuedAt validUntil nextReviewAt }\n    }\n  }\n"): (typeof documents)["\n  query TrainingCandidateDetail($id: String!) {\n    trainingCandidate(id: $id) {\n      id tenantId name idNumberMasked enterpriseUscc category operationItem operationName highRisk refresher\n      hours requiredHours exemption eligible needsRetraining createdAt\n      training { institution course hours date }\n      results { id attemptNo sessionId theoryScore practicalScore passed validUntil at }\n      certificates { number status issuedAt validUntil nextReviewAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingIssueCertificate($candidateId: String!) { trainingIssueCertificate(candidateId: $candidateId) { number validUntil } }\n"): (typeof documents)["\n  mutation TrainingIssueCertificate($candidateId: String!) { trainingIssueCertificate(candidateId: $candidateId) { number validUntil } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingRegisterCandidate($input: CandidateInput!) { trainingRegisterCandidate(input: $input) { id name } }\n"): (typeof documents)["\n  mutation TrainingRegisterCandidate($input: CandidateInput!) { trainingRegisterCandidate(input: $input) { id name } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingCandidates($first: Int, $after: String, $search: String, $category: TrainingCategory) {\n    trainingCandidates(first: $first, after: $after, search: $search, category: $category) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name idNumberMasked enterpriseUscc category operationItem operationName highRisk refresher\n          hours requiredHours exemption eligible needsRetraining createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TrainingCandidates($first: Int, $after: String, $search: String, $category: TrainingCategory) {\n    trainingCandidates(first: $first, after: $after, search: $search, category: $category) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id name idNumberMasked enterpriseUscc category operationItem operationName highRisk refresher\n          hours requiredHours exemption eligible needsRetraining createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingReviewCertificate($number: String!, $passed: Boolean!, $note: String!) {\n    trainingReviewCertificate(number: $number, passed: $passed, note: $note) { number status nextReviewAt }\n  }\n"): (typeof documents)["\n  mutation TrainingReviewCertificate($number: String!, $passed: Boolean!, $note: String!) {\n    trainingReviewCertificate(number: $number, passed: $passed, note: $note) { number status nextReviewAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingRenewCertificate($number: String!) { trainingRenewCertificate(number: $number) { number status validUntil } }\n"): (typeof documents)["\n  mutation TrainingRenewCertificate($number: String!) { trainingRenewCertificate(number: $number) { number status validUntil } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingSuspendCertificate($number: String!, $reason: String!) {\n    trainingSuspendCertificate(number: $number, reason: $reason) { number status }\n  }\n"): (typeof documents)["\n  mutation TrainingSuspendCertificate($number: String!, $reason: String!) {\n    trainingSuspendCertificate(number: $number, reason: $reason) { number status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingRevokeCertificate($number: String!, $reason: RevokeReason!, $note: String!) {\n    trainingRevokeCertificate(number: $number, reason: $reason, note: $note) { number status }\n  }\n"): (typeof documents)["\n  mutation TrainingRevokeCertificate($number: String!, $reason: RevokeReason!, $note: String!) {\n    trainingRevokeCertificate(number: $number, reason: $reason, note: $note) { number status }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingCertificateCheck($number: String!, $idNumber: String!) {\n    trainingCertificateCheck(number: $number, idNumber: $idNumber) {\n      number name idNumberMasked category operationName validUntil nextReviewAt status signatureValid\n    }\n  }\n"): (typeof documents)["\n  query TrainingCertificateCheck($number: String!, $idNumber: String!) {\n    trainingCertificateCheck(number: $number, idNumber: $idNumber) {\n      number name idNumberMasked category operationName validUntil nextReviewAt status signatureValid\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingCertificates($first: Int, $after: String, $status: TrainingCertStatus, $reviewDueBefore: String) {\n    trainingCertificates(first: $first, after: $after, status: $status, reviewDueBefore: $reviewDueBefore) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          number candidateId candidateName idNumberMasked category operationItem issuedAt validUntil nextReviewAt status\n          history { action note at by }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TrainingCertificates($first: Int, $after: String, $status: TrainingCertStatus, $reviewDueBefore: String) {\n    trainingCertificates(first: $first, after: $after, status: $status, reviewDueBefore: $reviewDueBefore) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          number candidateId candidateName idNumberMasked category operationItem issuedAt validUntil nextReviewAt status\n          history { action note at by }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamLoginTicket($ticket: String!, $idNumber: String!) {\n    examLogin(ticket: $ticket, idNumber: $idNumber) { token candidateName centre startsAt durationMinutes }\n  }\n"): (typeof documents)["\n  mutation ExamLoginTicket($ticket: String!, $idNumber: String!) {\n    examLogin(ticket: $ticket, idNumber: $idNumber) { token candidateName centre startsAt durationMinutes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamStart($token: String!) {\n    examStart(token: $token) {\n      id state startedAt deadline remainingSeconds autosaveSeconds score passed\n      questions { no kind stem points options { key text } }\n      answers { no answer marked }\n    }\n  }\n"): (typeof documents)["\n  mutation ExamStart($token: String!) {\n    examStart(token: $token) {\n      id state startedAt deadline remainingSeconds autosaveSeconds score passed\n      questions { no kind stem points options { key text } }\n      answers { no answer marked }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamResult($token: String!) { examAttempt(token: $token) { id state remainingSeconds score passed } }\n"): (typeof documents)["\n  query ExamResult($token: String!) { examAttempt(token: $token) { id state remainingSeconds score passed } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExamResync($token: String!) { examAttempt(token: $token) { id state remainingSeconds score passed } }\n"): (typeof documents)["\n  query ExamResync($token: String!) { examAttempt(token: $token) { id state remainingSeconds score passed } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamSubmit($token: String!) {\n    examSubmit(token: $token) { id state startedAt deadline remainingSeconds score passed }\n  }\n"): (typeof documents)["\n  mutation ExamSubmit($token: String!) {\n    examSubmit(token: $token) { id state startedAt deadline remainingSeconds score passed }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingMyExams {\n    myExams {\n      sessionId centre startsAt durationMinutes state ticket\n      attempt { id state remainingSeconds answered total score passed }\n    }\n  }\n"): (typeof documents)["\n  query TrainingMyExams {\n    myExams {\n      sessionId centre startsAt durationMinutes state ticket\n      attempt { id state remainingSeconds answered total score passed }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamLoginAsUser($sessionId: String!) {\n    examLoginAsUser(sessionId: $sessionId) { token candidateName centre startsAt durationMinutes }\n  }\n"): (typeof documents)["\n  mutation ExamLoginAsUser($sessionId: String!) {\n    examLoginAsUser(sessionId: $sessionId) { token candidateName centre startsAt durationMinutes }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingSessionDetail($id: String!) {\n    trainingSession(id: $id) {\n      id tenantId centre seats startsAt windowMinutes state\n      blueprint { id name category operationItem durationMinutes total }\n      bookings {\n        ticket admittedLate\n        candidate { id name idNumberMasked category operationItem }\n        attempt { id state startedAt deadline remainingSeconds answered total score passed }\n      }\n      incidents { id candidateId note at by }\n    }\n  }\n"): (typeof documents)["\n  query TrainingSessionDetail($id: String!) {\n    trainingSession(id: $id) {\n      id tenantId centre seats startsAt windowMinutes state\n      blueprint { id name category operationItem durationMinutes total }\n      bookings {\n        ticket admittedLate\n        candidate { id name idNumberMasked category operationItem }\n        attempt { id state startedAt deadline remainingSeconds answered total score passed }\n      }\n      incidents { id candidateId note at by }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TrainingOpenSession($id: String!) { trainingOpenSession(id: $id) { id state } }"): (typeof documents)["mutation TrainingOpenSession($id: String!) { trainingOpenSession(id: $id) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TrainingCloseSession($id: String!) { trainingCloseSession(id: $id) { id state } }"): (typeof documents)["mutation TrainingCloseSession($id: String!) { trainingCloseSession(id: $id) { id state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingAdmitLate($sessionId: String!, $candidateId: String!) { trainingAdmitLate(sessionId: $sessionId, candidateId: $candidateId) { id } }\n"): (typeof documents)["\n  mutation TrainingAdmitLate($sessionId: String!, $candidateId: String!) { trainingAdmitLate(sessionId: $sessionId, candidateId: $candidateId) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation TrainingForceSubmit($attemptId: String!) { trainingForceSubmit(attemptId: $attemptId) { id state score passed } }"): (typeof documents)["mutation TrainingForceSubmit($attemptId: String!) { trainingForceSubmit(attemptId: $attemptId) { id state score passed } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingRecordIncident($sessionId: String!, $candidateId: String, $note: String!) {\n    trainingRecordIncident(sessionId: $sessionId, candidateId: $candidateId, note: $note) { id incidents { id } }\n  }\n"): (typeof documents)["\n  mutation TrainingRecordIncident($sessionId: String!, $candidateId: String, $note: String!) {\n    trainingRecordIncident(sessionId: $sessionId, candidateId: $candidateId, note: $note) { id incidents { id } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingImportQuestions($file: String!, $format: BankFormat!, $dryRun: Boolean) {\n    trainingImportQuestions(file: $file, format: $format, dryRun: $dryRun) {\n      rows inserted updated unchanged rejected dryRun\n      rejections { row column value messageZh messageEn }\n    }\n  }\n"): (typeof documents)["\n  mutation TrainingImportQuestions($file: String!, $format: BankFormat!, $dryRun: Boolean) {\n    trainingImportQuestions(file: $file, format: $format, dryRun: $dryRun) {\n      rows inserted updated unchanged rejected dryRun\n      rejections { row column value messageZh messageEn }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingQuestions($first: Int, $after: String, $category: TrainingCategory, $search: String) {\n    trainingQuestions(first: $first, after: $after, category: $category, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id version kind category operationItem knowledgePoint difficulty stem answer explanation\n          options { key text }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TrainingQuestions($first: Int, $after: String, $category: TrainingCategory, $search: String) {\n    trainingQuestions(first: $first, after: $after, category: $category, search: $search) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      edges {\n        node {\n          id version kind category operationItem knowledgePoint difficulty stem answer explanation\n          options { key text }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrainingExportQuestions($format: BankFormat!) { trainingExportQuestions(format: $format) }"): (typeof documents)["query TrainingExportQuestions($format: BankFormat!) { trainingExportQuestions(format: $format) }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingResults($sessionId: String, $candidateId: String) {\n    trainingResults(sessionId: $sessionId, candidateId: $candidateId) {\n      id candidateId candidateName category operationItem attemptNo sessionId theoryScore practicalScore passed validUntil at\n    }\n  }\n"): (typeof documents)["\n  query TrainingResults($sessionId: String, $candidateId: String) {\n    trainingResults(sessionId: $sessionId, candidateId: $candidateId) {\n      id candidateId candidateName category operationItem attemptNo sessionId theoryScore practicalScore passed validUntil at\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrainingResultSessions { trainingSessions { id centre startsAt state } }"): (typeof documents)["query TrainingResultSessions { trainingSessions { id centre startsAt state } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingRecordPractical($resultId: String!, $score: Float!) {\n    trainingRecordPractical(resultId: $resultId, score: $score) { id practicalScore passed validUntil }\n  }\n"): (typeof documents)["\n  mutation TrainingRecordPractical($resultId: String!, $score: Float!) {\n    trainingRecordPractical(resultId: $resultId, score: $score) { id practicalScore passed validUntil }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingSessions {\n    trainingSessions {\n      id centre seats startsAt windowMinutes state\n      blueprint { id name category durationMinutes }\n      bookings { ticket candidate { id } attempt { id state } }\n    }\n  }\n"): (typeof documents)["\n  query TrainingSessions {\n    trainingSessions {\n      id centre seats startsAt windowMinutes state\n      blueprint { id name category durationMinutes }\n      bookings { ticket candidate { id } attempt { id state } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrainingBlueprintOptions { trainingBlueprints { id name category operationItem durationMinutes total } }"): (typeof documents)["query TrainingBlueprintOptions { trainingBlueprints { id name category operationItem durationMinutes total } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingCreateSession($input: SessionInput!) { trainingCreateSession(input: $input) { id } }\n"): (typeof documents)["\n  mutation TrainingCreateSession($input: SessionInput!) { trainingCreateSession(input: $input) { id } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingCandidateSearch($search: String, $first: Int) {\n    trainingCandidates(search: $search, first: $first) {\n      edges { node { id name idNumberMasked category operationItem eligible } }\n    }\n  }\n"): (typeof documents)["\n  query TrainingCandidateSearch($search: String, $first: Int) {\n    trainingCandidates(search: $search, first: $first) {\n      edges { node { id name idNumberMasked category operationItem eligible } }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TrainingBook($sessionId: String!, $candidateIds: [String!]!) {\n    trainingBook(sessionId: $sessionId, candidateIds: $candidateIds) { id bookings { ticket candidate { id } } }\n  }\n"): (typeof documents)["\n  mutation TrainingBook($sessionId: String!, $candidateIds: [String!]!) {\n    trainingBook(sessionId: $sessionId, candidateIds: $candidateIds) { id bookings { ticket candidate { id } } }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TrainingStats {\n    trainingStats {\n      byCategory { key label sat passed rate }\n      byOperationItem { key label sat passed rate }\n      byInstitution { key label sat passed rate }\n      byCentre { key label sat passed rate }\n      byCounty { key label sat passed rate }\n      flaggedQuestions { id stem answered correct rate flag }\n      dueForReview { month count }\n    }\n  }\n"): (typeof documents)["\n  query TrainingStats {\n    trainingStats {\n      byCategory { key label sat passed rate }\n      byOperationItem { key label sat passed rate }\n      byInstitution { key label sat passed rate }\n      byCentre { key label sat passed rate }\n      byCounty { key label sat passed rate }\n      flaggedQuestions { id stem answered correct rate flag }\n      dueForReview { month count }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrainingHomeExams { myExams { sessionId state attempt { state } } }"): (typeof documents)["query TrainingHomeExams { myExams { sessionId state attempt { state } } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ExamSave($token: String!, $no: Int!, $answer: [String!]!, $marked: Boolean) {\n    examSave(token: $token, no: $no, answer: $answer, marked: $marked) { no seq savedAt remainingSeconds }\n  }\n"): (typeof documents)["\n  mutation ExamSave($token: String!, $no: Int!, $answer: [String!]!, $marked: Boolean) {\n    examSave(token: $token, no: $no, answer: $answer, marked: $marked) { no seq savedAt remainingSeconds }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) { changePassword(input: $input) }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query HomeUnread { notifications(unreadOnly: true, first: 1) { totalCount } }\n"): (typeof documents)["\n  query HomeUnread { notifications(unreadOnly: true, first: 1) { totalCount } }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Inbox($unreadOnly: Boolean!, $first: Int, $after: String) {\n    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id kind title body link createdAt readAt }\n    }\n  }\n"): (typeof documents)["\n  query Inbox($unreadOnly: Boolean!, $first: Int, $after: String) {\n    notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {\n      totalCount\n      pageInfo { hasNextPage endCursor }\n      nodes { id kind title body link createdAt readAt }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MarkRead($input: IdInput!) { markNotificationRead(input: $input) { id readAt } }"): (typeof documents)["mutation MarkRead($input: IdInput!) { markNotificationRead(input: $input) { id readAt } }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MarkAllRead { markAllNotificationsRead }"): (typeof documents)["mutation MarkAllRead { markAllNotificationsRead }"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles\n      permissions\n      passwordExpired\n      organisationId\n      visibleTenantCodes\n      tenant { code name level }\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      id\n      username\n      displayName\n      roles\n      permissions\n      passwordExpired\n      organisationId\n      visibleTenantCodes\n      tenant { code name level }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token expiresAt refreshToken refreshExpiresAt }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) { token expiresAt refreshToken refreshExpiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Refresh($input: RefreshTokenInput!) {\n    refreshToken(input: $input) { token expiresAt refreshToken refreshExpiresAt }\n  }\n"): (typeof documents)["\n  mutation Refresh($input: RefreshTokenInput!) {\n    refreshToken(input: $input) { token expiresAt refreshToken refreshExpiresAt }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout { logout }\n"): (typeof documents)["\n  mutation Logout { logout }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;