// Public entry point of `tenure`. Named exports only; optional areas live on subpaths.

// Model: entities, schemas, pure rules
export * from "./model/ids.js";
export {
  TenureErrors,
  type TenureError,
  type Diagnostic,
  type ValidationError,
  type NotFoundError,
  type ConflictError,
  type DuplicateError,
  type ForbiddenError,
  type InvalidStateError,
  type InvalidTokenError,
  type AuthenticationError,
  type CorruptRecordError,
  type SourceUnavailableError,
  type SourceFailure,
  type EntityName,
} from "./model/tenure-error.js";
export { parseInput, zodIssuesToDiagnostics } from "./model/parse-input.js";
export { scopeRefSchema, PLATFORM_SCOPE, organizationScope, scopeKey, sameScope, type ScopeRef } from "./model/scope.js";
export {
  settingsSchema,
  organizationSettingsSchema,
  organizationSettingsChangesSchema,
  fieldLimitsSchema,
  thirdPartySettingsSchema,
  tokenLifetimesSchema,
  signInSettingsSchema,
  adminCircleSchema,
  timeZoneSchema,
  DEFAULT_SETTINGS,
  settingsFor,
  type Settings,
  type SettingsInput,
  type OrganizationSettings,
  type OrganizationSettingsChanges,
  type FieldLimits,
  type AdminCircle,
} from "./model/settings.js";
export { changeOrganizationSettings, type OrganizationSettingsChange } from "./model/organization-settings-change.js";
export { organizationBaseSchema, organizationBaseShape, ORGANIZATION_NAME_MAX, type Organization } from "./model/organization.js";
export {
  accountStateSchema,
  ACCOUNT_STATUSES,
  effectiveStatus,
  type AccountState,
  type AccountStatus,
} from "./model/account-state.js";
export {
  userBaseSchema,
  userBaseShape,
  audienceSchema,
  userSourceSchema,
  USER_FIELD_HARD_MAX,
  EDITABLE_USER_FIELDS,
  type User,
  type Audience,
  type UserSource,
  type EditableUserField,
} from "./model/user.js";
export { groupSchema, type Group } from "./model/group.js";
export { principalSchema, roleAssignmentSchema, type Principal, type RoleAssignment } from "./model/role-assignment.js";
export {
  invitationSchema,
  invitationStateSchema,
  invitedRoleSchema,
  type Invitation,
  type InvitationState,
  type InvitedRole,
} from "./model/invitation.js";
export { tokenSchema, tokenPurposeSchema, type Token, type TokenPurpose } from "./model/token.js";
export { credentialSchema, type Credential } from "./model/credential.js";
export {
  auditEventSchema,
  auditActorSchema,
  auditTargetSchema,
  type AuditEvent,
  type AuditActor,
  type AuditTarget,
} from "./model/audit-event.js";
export { auditQuerySchema, type AuditQuery, type AuditQueryInput } from "./model/audit-query.js";
export { outboxMailSchema, OUTBOX_MAIL_SECRETS_MAX, type OutboxMail } from "./model/outbox-mail.js";
export {
  provisioningRunSchema,
  provisioningRecordOutcomeSchema,
  type ProvisioningRun,
  type ProvisioningRecordOutcome,
} from "./model/provisioning-run.js";
export {
  defineModel,
  DEFAULT_MODEL,
  type TenureModel,
  type DefineModelOptions,
  type ModelUser,
  type ModelOrganization,
} from "./model/define-model.js";
export { normalizeEmail, isWellFormedEmail } from "./model/email.js";
export { sortKey, compareCodePoints } from "./model/sort-key.js";
export {
  validateUserData,
  fullNameKey,
  FORBIDDEN_FULL_NAME_CHARACTERS,
  type UserDataCandidate,
  type ExistingUserData,
  type UserDataContext,
} from "./model/user-validation.js";
export {
  userQuerySchema,
  userFilterSchema,
  userSortFieldSchema,
  userVisibilitySchema,
  type UserQuery,
  type UserQueryInput,
  type UserFilter,
  type UserSortField,
  type UserVisibility,
} from "./model/user-query.js";
export {
  draftUser,
  newUserInputSchema,
  type NewUserInput,
  type UserDraft,
  type UserDraftContext,
} from "./model/user-draft.js";
export type { Page } from "./model/page.js";
export { encodeCursor, decodeCursor, type CursorPosition } from "./model/cursor.js";
export { pageTotalSchema, countsTotal, type PageTotal } from "./model/page-total.js";
export { fieldPath, errorAtInput, diagnosticsAtInput } from "./model/field-path.js";
export { thirdPartyQuerySchema, type ThirdPartyQuery, type ThirdPartyQueryInput } from "./model/third-party-query.js";
export { ACCESS_END_ORDER, encodeAccessEndCursor, decodeAccessEndCursor, type AccessEndPosition } from "./model/access-end-cursor.js";
export {
  PROVISIONING_RUN_ORDER,
  PROVISIONING_OUTCOME_ORDER,
  encodeProvisioningRunCursor,
  decodeProvisioningRunCursor,
  encodeProvisioningOutcomeCursor,
  decodeProvisioningOutcomeCursor,
  type ProvisioningRunPosition,
  type ProvisioningOutcomePosition,
} from "./model/provisioning-run-cursor.js";

// Ports: what a host plugs in
export type { Clock } from "./ports/clock.js";
export type { IdGenerator } from "./ports/id-generator.js";
export type { PasswordHasher } from "./ports/password-hasher.js";
export type { Mailer, MailDeliveryError } from "./ports/mailer.js";
export type { OwnedResources, OwnedResourcesContext, OwnedResourceCounts } from "./ports/owned-resources.js";
export type { DirectorySource, DirectoryEntry, DirectoryRead } from "./ports/directory-source.js";
export type { InsertResult, UpdateResult, DeleteResult } from "./ports/write-result.js";
export type { OrganizationRepository } from "./ports/organization-repository.js";
export type { UserRepository, UserWriteOptions } from "./ports/user-repository.js";
export type { GroupRepository } from "./ports/group-repository.js";
export type { RoleAssignmentRepository } from "./ports/role-assignment-repository.js";
export type { InvitationRepository } from "./ports/invitation-repository.js";
export type { TokenRepository } from "./ports/token-repository.js";
export type { CredentialRepository } from "./ports/credential-repository.js";
export type { AuditLog } from "./ports/audit-log.js";
export type { MailOutbox } from "./ports/mail-outbox.js";
export type {
  ProvisioningRunRepository,
  ProvisioningRunListQuery,
  ProvisioningOutcomeListQuery,
} from "./ports/provisioning-run-repository.js";
export type { TenureStore, StoreTransaction, StoreError, OkOf, ErrOf } from "./ports/tenure-store.js";

// Adapters: the embedded defaults
export {
  createMemoryStore,
  type MemoryStore,
  type MemoryStoreOptions,
  type MemoryStoreStats,
  type MemoryStoreSnapshot,
  type MemoryNative,
} from "./adapters/memory/memory-store.js";
export { createScryptPasswordHasher, type ScryptPasswordHasherOptions } from "./adapters/node/scrypt-password-hasher.js";
export { createNanoidIdGenerator, type NanoidIdGeneratorOptions } from "./adapters/node/nanoid-id-generator.js";
export { systemClock } from "./adapters/node/system-clock.js";
export { createManualClock, type ManualClock } from "./adapters/node/manual-clock.js";

// Access: the permission model
export type { CatalogSpec, ScopeKindSpec, PermissionSpec, RoleSpec, AdministrationSpec } from "./access/catalog-spec.js";
export type { CatalogError } from "./access/catalog-error.js";
export type { Catalog, CompiledCatalog, PermissionOf, RoleOf, ScopeKindOf } from "./access/catalog.js";
export type { BitSet } from "./access/bit-set.js";
export { defineCatalog } from "./access/define-catalog.js";
export { catalogToMermaid, type MermaidOptions } from "./access/catalog-to-mermaid.js";
export { grantsOf, type Grant, type GrantPath } from "./access/grant.js";
export { accessSubject, type AccessSubject } from "./access/access-subject.js";
export {
  organizationTarget,
  scopeTarget,
  PLATFORM_TARGET,
  type AccessTarget,
  type TargetOrganization,
} from "./access/access-target.js";
export { accountStanding, accountStatusNow, type AccountStanding, type InactiveReason } from "./access/account-standing.js";
export type { EffectivePermissions } from "./access/effective-permissions.js";
export { describeDenial, type Explanation, type Derivation, type DenialReason } from "./access/explanation.js";
export { createAccessResolver, type AccessResolver } from "./access/access-resolver.js";
export {
  createPermissionCache,
  type PermissionCache,
  type PermissionCacheOptions,
  type PermissionCachePlace,
  type PermissionCacheStamp,
  type PermissionCacheUser,
} from "./access/permission-cache.js";
export { userVisibilityFor, canSee, visibleGroups, type Viewer } from "./access/visibility.js";
export {
  mayManageUsers,
  maySuperAdminister,
  mayEditUserData,
  mayRunDirectoryUpdate,
} from "./access/guards/administration-guards.js";
export { checkGrant, checkRevoke, checkEntitlementsWithin, type GrantCheck } from "./access/guards/grant-guards.js";
export { checkCustomerLink, type CustomerLinkCheck } from "./access/guards/customer-link-guards.js";
export { entitlementCap } from "./access/entitlement-cap.js";
export { checkLastAdmin, type AdminCounts } from "./access/guards/last-admin-guard.js";
export {
  checkGrantPlacement,
  checkOrganizationKinds,
  mayGrantInOrganization,
  placementDependsOnHolder,
  scopeProblem,
  type GrantPlacement,
  type PlacementOrganization,
  type PlannedGrant,
  type ScopeProblem,
} from "./access/guards/grant-placement.js";
export { decideFirstMember, MEMBER_STATUSES, type FirstMemberDecision } from "./access/first-member.js";
export {
  placeScope,
  placeRequestedRoles,
  placeDefaultRoles,
  planAdmissionRoles,
  targetOfScope,
  type PlacedScope,
  type PlacedRole,
  type RolePlacementContext,
  type AdmissionRoles,
} from "./access/guards/role-admission.js";

// Service: the application layer
export { createTenure, NODE_DEFAULTS } from "./create-tenure.js";
export { createTenureWith, type Tenure } from "./service/create-tenure.js";
export type { TenureOptions, TenureDefaults, LinkRequest } from "./service/tenure-options.js";
export { userActor, systemActor, type Actor } from "./service/actor.js";
export type { AccessQueries, UserRef, Place } from "./service/queries/access-queries.js";
export { createOrganizationInputSchema, type CreateOrganizationInput } from "./service/commands/organizations/create-organization.js";
export { updateUserInputSchema, type UpdateUserInput, type UpdatedUser } from "./service/commands/users/update-user.js";
export { listUsersInputSchema, type ListUsersInput } from "./service/queries/list-users.js";
export { getUserInputSchema, type GetUserInput } from "./service/queries/get-user.js";
export { getOrganizationInputSchema, listCustomersInputSchema, type GetOrganizationInput, type ListCustomersInput } from "./service/queries/read-organizations.js";
export { listGroupsInputSchema, getGroupInputSchema, type ListGroupsInput, type GetGroupInput } from "./service/queries/read-groups.js";
export { listAssignmentsInputSchema, type ListAssignmentsInput, type ListedAssignment } from "./service/queries/list-assignments.js";
export { updateMailTemplatesInputSchema, type UpdateMailTemplatesInput } from "./service/commands/organizations/update-mail-templates.js";
export { renameOrganizationInputSchema, type RenameOrganizationInput } from "./service/commands/organizations/rename-organization.js";
export { linkCustomerInputSchema, type LinkCustomerInput } from "./service/commands/organizations/link-customer.js";
export { unlinkCustomerInputSchema, type UnlinkCustomerInput } from "./service/commands/organizations/unlink-customer.js";
export {
  updateOrganizationSettingsInputSchema,
  type UpdateOrganizationSettingsInput,
} from "./service/commands/organizations/update-organization-settings.js";
export { setEntitlementsInputSchema, type SetEntitlementsInput } from "./service/commands/organizations/set-entitlements.js";
export type { AccountCommands } from "./service/commands/accounts/index.js";
export { blockUserInputSchema, BLOCK_REASON_MAX, type BlockUserInput } from "./service/commands/accounts/block-user.js";
export { unblockUserInputSchema, type UnblockUserInput } from "./service/commands/accounts/unblock-user.js";
export { deactivateUserInputSchema, type DeactivateUserInput } from "./service/commands/accounts/deactivate-user.js";
export { reactivateUserInputSchema, type ReactivateUserInput } from "./service/commands/accounts/reactivate-user.js";
export { removeUserInputSchema, removedDataSchema, type RemoveUserInput, type RemovedUser } from "./service/commands/accounts/remove-user.js";
export { makeContactPersonInputSchema, type MakeContactPersonInput } from "./service/commands/accounts/make-contact-person.js";
export { requireTwoFactorInputSchema, type RequireTwoFactorInput } from "./service/commands/accounts/require-two-factor.js";
export { releaseTwoFactorInputSchema, type ReleaseTwoFactorInput } from "./service/commands/accounts/release-two-factor.js";
export { setWorkflowAccessInputSchema, type SetWorkflowAccessInput } from "./service/commands/accounts/set-workflow-access.js";
export type { DirectoryCommands } from "./service/commands/directory/index.js";
export { updateFromDirectoryInputSchema, type UpdateFromDirectoryInput, type DirectoryUpdate } from "./service/commands/directory/update-from-directory.js";
export type { DirectoryBinding } from "./service/directory-binding.js";
export type { ProvisioningCommands } from "./service/commands/provisioning/index.js";
export {
  provisioningRequestSchema,
  applyProvisioningInputSchema,
  sourceRecordSchema,
  PROVISIONING_RECORDS_MAX,
  type ProvisioningRequest,
  type ApplyProvisioningInput,
} from "./service/commands/provisioning/provisioning-input.js";
export type { AppliedProvisioning, ApplyProvisioningOptions, ProvisioningProgress } from "./service/commands/provisioning/apply-provisioning.js";
export {
  listProvisioningRunsInputSchema,
  getProvisioningRunInputSchema,
  listProvisioningOutcomesInputSchema,
  type ListProvisioningRunsInput,
  type GetProvisioningRunInput,
  type ListProvisioningOutcomesInput,
} from "./service/queries/provisioning-runs.js";
export type { OnboardingCommands } from "./service/commands/onboarding/index.js";
export { inviteUserInputSchema, type InviteUserInput, type InvitedUser } from "./service/commands/onboarding/invite-user.js";
export { sendInvitationInputSchema, type SendInvitationInput } from "./service/commands/onboarding/send-invitation.js";
export { resendInvitationInputSchema, type ResendInvitationInput } from "./service/commands/onboarding/resend-invitation.js";
export { revokeInvitationInputSchema, type RevokeInvitationInput } from "./service/commands/onboarding/revoke-invitation.js";
export { acceptInvitationInputSchema, INVITATION_ACTOR, type AcceptInvitationInput } from "./service/commands/onboarding/accept-invitation.js";
export { signUpInputSchema, SIGN_UP_ACTOR, type SignUpInput } from "./service/commands/onboarding/sign-up.js";
export { verifyUserInputSchema, type VerifyUserInput } from "./service/commands/onboarding/verify-user.js";
export { activateUserInputSchema, type ActivateUserInput } from "./service/commands/onboarding/activate-user.js";
export { sendActivationInputSchema, type SendActivationInput, type ActivationSent } from "./service/commands/onboarding/send-activation.js";
export { completeActivationInputSchema, ACTIVATION_ACTOR, type CompleteActivationInput } from "./service/commands/onboarding/complete-activation.js";
export { PERSONAL_MESSAGE_MAX } from "./service/commands/onboarding/personal-message.js";
export type { ThirdPartyCommands } from "./service/commands/third-party/index.js";
export { setThirdPartyAccessInputSchema, type SetThirdPartyAccessInput } from "./service/commands/third-party/set-third-party-access.js";
export { extendThirdPartyAccessInputSchema, type ExtendThirdPartyAccessInput } from "./service/commands/third-party/extend-third-party-access.js";
export { sendWelcomeInputSchema, type SendWelcomeInput, type WelcomeSent } from "./service/commands/third-party/send-welcome.js";
export { listThirdPartyInputSchema, type ListThirdPartyInput, type ThirdPartyRow } from "./service/queries/third-party-list.js";
export type { CredentialCommands } from "./service/commands/credentials/index.js";
export { EXPIRY_SWEEP_ACTOR, ACCESS_EXPIRED_ACTION, REMINDER_SENT_ACTION, type ExpireDueOptions, type ExpirySweepReport } from "./service/jobs/expire-due.js";
export type { CredentialOwner } from "./service/commands/credentials/credential-owner.js";
export { checkPasswordPolicy, PASSWORD_POLICY } from "./service/commands/credentials/check-password-policy.js";
export { forgotPasswordInputSchema, PASSWORD_RESET_ACTOR, type ForgotPasswordInput } from "./service/commands/credentials/forgot-password.js";
export {
  requestPasswordResetInputSchema,
  type RequestPasswordResetInput,
  type PasswordResetRequested,
} from "./service/commands/credentials/request-password-reset.js";
export { resetPasswordInputSchema, type ResetPasswordInput } from "./service/commands/credentials/reset-password.js";
export { setInitialPasswordInputSchema, type SetInitialPasswordInput } from "./service/commands/credentials/set-initial-password.js";
export { changePasswordInputSchema, type ChangePasswordInput } from "./service/commands/credentials/change-password.js";
export { signInInputSchema, type SignInInput, type SignInResult } from "./service/commands/credentials/sign-in.js";
export {
  setPasswordWithLinkInputSchema,
  type SetPasswordWithLinkInput,
  type PasswordSetWithLink,
} from "./service/commands/credentials/set-password-with-link.js";
export { inspectLinkInputSchema, type InspectLinkInput, type LinkInspection, type LinkPageField } from "./service/commands/credentials/inspect-link.js";
export type { RoleCommands } from "./service/commands/roles/index.js";
export { grantRoleInputSchema, type GrantRoleInput } from "./service/commands/roles/grant-role.js";
export { revokeRoleInputSchema, type RevokeRoleInput } from "./service/commands/roles/revoke-role.js";
export { grantRoleToUsersInputSchema, type GrantRoleToUsersInput } from "./service/commands/roles/grant-role-to-users.js";
export {
  removeFromAllZonesInputSchema,
  type RemoveFromAllZonesInput,
  type ZoneAccessRemoval,
  type ZoneReachedThroughGroups,
} from "./service/commands/roles/remove-from-all-zones.js";
export type { GroupCommands } from "./service/commands/groups/index.js";
export { createGroupInputSchema, type CreateGroupInput } from "./service/commands/groups/create-group.js";
export { renameGroupInputSchema, type RenameGroupInput } from "./service/commands/groups/rename-group.js";
export { recolourGroupInputSchema, type RecolourGroupInput } from "./service/commands/groups/recolour-group.js";
export { deleteGroupInputSchema, type DeleteGroupInput } from "./service/commands/groups/delete-group.js";
export { addGroupMembersInputSchema, type AddGroupMembersInput } from "./service/commands/groups/add-group-members.js";
export { removeGroupMembersInputSchema, type RemoveGroupMembersInput } from "./service/commands/groups/remove-group-members.js";
export { queryAuditInputSchema, type QueryAuditInput } from "./service/queries/audit-query.js";
export type { SecretGenerator } from "./ports/secret-generator.js";
export { randomSecretGenerator } from "./adapters/node/random-secret-generator.js";

// Lifecycle: pure state machines and rules
export { transitionAccount, canTransitionAccount, type AccountEvent } from "./lifecycle/account-lifecycle.js";
export {
  transitionInvitation,
  invitationStatus,
  draftInvitation,
  type InvitationDraft,
  type InvitationEvent,
  type InvitationStatus,
} from "./lifecycle/invitation-lifecycle.js";
export { initialAccountState, planAccessWindow, planMember, type AdmissionStart, type MemberPlanInput } from "./lifecycle/member-plan.js";
export { planPasswordLink, pendingInvitation, type PasswordLinkPlan } from "./lifecycle/password-link-plan.js";
export { maySelfResetPassword } from "./lifecycle/self-service-reset.js";
export { hashTokenSecret, issueToken, checkToken, tokenLifetimeMinutes } from "./lifecycle/single-use-token.js";
export { decideSignIn, type SignInDecision, type SignInStep } from "./lifecycle/sign-in-rules.js";

// Mail: templates, safe rendering, the outbox delivery
export {
  MAIL_TEMPLATE_NAMES,
  mailTemplateNameSchema,
  mailTemplateSchema,
  MAIL_SUBJECT_TEMPLATE_MAX,
  MAIL_TEXT_TEMPLATE_MAX,
  MAIL_HTML_TEMPLATE_MAX,
  type MailTemplateName,
  type MailTemplate,
  type MailValue,
} from "./model/mail-template.js";
export { MAIL_TEMPLATE_VARIABLES, type MailTemplateVariables, type MailTemplateVariableSpec } from "./model/mail-template-variables.js";
export { mailTemplateOverridesSchema, type MailTemplateOverrides } from "./model/mail-template-overrides.js";
export { resolveMailTemplate } from "./mail/mail-template-overrides.js";
export { DEFAULT_MAIL_TEMPLATES } from "./mail/default-templates.js";
export { renderMail, RENDERED_SUBJECT_MAX, type RenderedMail, type RenderMailOptions } from "./mail/render-mail.js";
export { validateTemplate } from "./mail/validate-template.js";
export { createMailDateFormatter, type MailDateFormatterOptions } from "./mail/mail-date-formatter.js";
export { composeOutboxMail, type ComposeOutboxMailInput } from "./mail/compose-mail.js";
export { SECRET_MAIL_VARIABLES } from "./mail/secret-mail-variables.js";
export { redactSecrets } from "./mail/redact-secrets.js";
export { applyDeliveryOutcome, REDACTION_MARKERS, type DeliveryOutcome } from "./mail/apply-delivery-outcome.js";
export { DEFAULT_MAIL_BACKOFF_MS, DEFAULT_MAIL_LEASE_MS, DEFAULT_MAIL_BATCH, checkDeliveryOptions, retryAtAfterFailure } from "./mail/delivery-schedule.js";
export type { DeliveryReport } from "./mail/delivery-report.js";
export { deliverOutbox, type DeliverOutboxOptions, type OutboxJobOptions } from "./service/jobs/deliver-outbox.js";
export { createMemoryMailer, type MemoryMailer, type MemoryMailerOptions } from "./adapters/memory/memory-mailer.js";

// Expiry: third-party access windows (pure)
export { latestAllowedDay, latestAllowedExpiry, defaultExpiry, checkRequestedExpiry, type AccessWindowSettings } from "./expiry/access-window.js";
export { accessEndAfterDay, lastAccessDay, accessEndOf, type RequestedExpiry } from "./expiry/access-end.js";
export {
  makeThirdParty,
  moveExpiry,
  clearExpiry,
  endThirdParty,
  type ThirdPartyChangeSettings,
  type ThirdPartyChangeError,
  type MakeThirdPartyOptions,
} from "./expiry/third-party-change.js";
export { planExpirySweep, type ExpirySweepPlan, type ExpiryDeactivation } from "./expiry/expiry-sweep-plan.js";
export { planReminders, reminderKey, type PlannedReminder, type ReminderSettings } from "./expiry/reminder-plan.js";
export { daysLeft } from "./expiry/days-left.js";
export { extendMany, type ExtensionOutcome } from "./expiry/extend-many.js";

// Provisioning: the pure planner of a source's sync (directory, spreadsheet, SCIM)
export {
  PROVISIONING_ACTIONS,
  PROVISIONING_SOURCE_KINDS,
  type ProvisioningAction,
  type ProvisioningSourceKind,
} from "./model/provisioning-action.js";
export {
  defineProvisioningSource,
  provisioningSourceInputSchema,
  PROVISIONED_USER_FIELDS,
  REQUIRED_PROVISIONED_FIELDS,
  type ProvisioningSource,
  type ProvisionedField,
  type ProvisionedUserField,
} from "./provisioning/provisioning-source.js";
export type { SourceRecord, SourceRole, SourceLinkedUser, SourceLinkedUserFields } from "./provisioning/source-record.js";
export {
  planProvisioning,
  type PlanOptions,
  type PlannedChange,
  type ProvisioningPlan,
  type ProvisioningProblem,
  type ProvisioningRefusal,
  type RoleChanges,
  type GroupChanges,
} from "./provisioning/plan-provisioning.js";
export { checkManualEdit, ownedChanges, ownsField, type FieldChange } from "./provisioning/field-ownership.js";
export {
  defineDirectoryMapping,
  directoryMappingSchema,
  directoryRecords,
  mappedAttributes,
  DIRECTORY_FIELDS,
  type DirectoryMapping,
  type DirectoryMappingInput,
  type DirectoryField,
} from "./provisioning/directory-records.js";
export { normalizeDn } from "./provisioning/distinguished-name.js";
export { checkMassDeactivation, type MassDeactivationInput } from "./provisioning/mass-deactivation-guard.js";
