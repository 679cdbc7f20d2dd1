import { AuthContext } from '@compliance/contracts';
import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  applyPolicy,
  archivePolicy,
  createPolicy,
  diffPolicyVersions,
  dryRunPolicy,
  evaluatePolicyAction,
  getPolicy,
  listPolicies,
  listPolicyVersions,
  POLICY_DOCUMENT_MAX_BYTES,
  RequestOf,
  rollbackPolicy,
  ServiceError,
  updatePolicy,
  validatePolicyDocument,
  validateStoredPolicy,
} from '@compliance/contracts';
import { COMPLIANCE_POLICY_SCHEMA } from '@compliance/policy-engine';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { CreatePolicyDto } from '../dto/create-policy.dto';
import { pageOf, PageQueryDto } from '../dto/page-query.dto';
import { EvaluateDto } from '../dto/evaluate.dto';
import {
  DiffQueryDto,
  RollbackDto,
  UpdatePolicyDto,
  VersionDto,
} from '../dto/policy-lifecycle.dto';

@ApiTags('policies')
@ApiBearerAuth()
@Controller('api/compliance/policies')
export class PoliciesController {
  constructor(private readonly services: ServiceClient) {}

  @Post('validate')
  @HttpCode(200)
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'Validate a policy document without storing it' })
  @ApiConsumes('application/yaml', 'text/yaml', 'text/plain', 'application/json')
  @ApiBody({
    description: 'The YAML document, or JSON `{"document": "<yaml>"}`',
    schema: { type: 'string' },
  })
  validate(
    @Body() body: unknown,
    @Headers('content-type') contentType: string | undefined,
    @CurrentAuth() auth: AuthContext,
  ) {
    const document = documentFrom(body, contentType);
    return this.services.send(validatePolicyDocument, { document }, auth);
  }

  @Post()
  @RequireScopes('policy:write')
  @ApiOperation({ summary: 'Create a policy; its first version is a draft' })
  create(@Body() body: CreatePolicyDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      createPolicy,
      { name: body.name, description: body.description ?? '', document: body.document },
      auth,
    );
  }

  @Get()
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'List the company’s policies' })
  list(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listPolicies, pageOf(query), auth);
  }

  @Get('schema')
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'The JSON Schema of policy documents, for editors' })
  schema() {
    return COMPLIANCE_POLICY_SCHEMA;
  }

  @Post('evaluate')
  @HttpCode(200)
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'Decide an action on a resource against the policies in force' })
  evaluate(@Body() body: EvaluateDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      evaluatePolicyAction,
      body as RequestOf<typeof evaluatePolicyAction>,
      auth,
    );
  }

  @Get(':id')
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'A policy with its current version’s document' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(getPolicy, { id }, auth);
  }

  @Patch(':id')
  @RequireScopes('policy:write')
  @ApiOperation({ summary: 'Edit a policy; a new document becomes a new draft version' })
  update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: UpdatePolicyDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(updatePolicy, { id, ...body }, auth);
  }

  @Delete(':id')
  @RequireScopes('policy:write')
  @ApiOperation({ summary: 'Archive a policy; it stops applying, its history stays' })
  archive(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(archivePolicy, { id }, auth);
  }

  @Post(':id/validate')
  @HttpCode(200)
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'Validate a stored version (the newest by default)' })
  validateStored(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: VersionDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(validateStoredPolicy, { id, version: body.version }, auth);
  }

  @Post(':id/dry_run')
  @HttpCode(200)
  @RequireScopes('policy:read')
  @ApiOperation({
    summary: 'The impact of a version against the policies in force; changes nothing',
  })
  dryRun(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: VersionDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(dryRunPolicy, { id, version: body.version }, auth);
  }

  @Post(':id/apply')
  @HttpCode(200)
  @RequireScopes('policy:apply')
  @ApiOperation({ summary: 'Make a version active and announce it' })
  apply(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: VersionDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(applyPolicy, { id, version: body.version }, auth);
  }

  @Post(':id/rollback')
  @HttpCode(200)
  @RequireScopes('policy:apply')
  @ApiOperation({ summary: 'Re-activate an earlier version as a new version' })
  rollback(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: RollbackDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(rollbackPolicy, { id, toVersion: body.toVersion }, auth);
  }

  @Get(':id/versions')
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'Every version of a policy' })
  versions(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listPolicyVersions, { id }, auth);
  }

  @Get(':id/diff')
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'What changed between two versions' })
  diff(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Query() query: DiffQueryDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(diffPolicyVersions, { id, from: query.from, to: query.to }, auth);
  }
}

/** The validate route takes raw YAML, or JSON with the YAML in `document`. */
function documentFrom(body: unknown, contentType: string | undefined): string {
  if (typeof body === 'string') {
    return requireSize(body);
  }

  const document = (body as { document?: unknown } | undefined)?.document;

  if (contentType?.includes('json') && typeof document === 'string') {
    return requireSize(document);
  }

  throw ServiceError.badRequest('send the policy as YAML, or as JSON with a `document` string', [
    { path: 'body', message: 'expected a YAML document', found: contentType ?? 'no content type' },
  ]);
}

function requireSize(document: string): string {
  if (Buffer.byteLength(document) > POLICY_DOCUMENT_MAX_BYTES) {
    throw new ServiceError('payload_too_large', 'the policy document is too large', [
      { path: 'body', message: `at most ${POLICY_DOCUMENT_MAX_BYTES} bytes` },
    ]);
  }

  return document;
}
