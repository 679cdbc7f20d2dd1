import { AuthContext } from '@compliance/contracts';
import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  createPolicy,
  getPolicy,
  listPolicies,
  POLICY_DOCUMENT_MAX_BYTES,
  ServiceError,
  validatePolicyDocument,
} from '@compliance/contracts';
import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { CreatePolicyDto } from '../dto/create-policy.dto';
import { pageOf, PageQueryDto } from '../dto/page-query.dto';

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

  @Get(':id')
  @RequireScopes('policy:read')
  @ApiOperation({ summary: 'A policy with its current version’s document' })
  get(@Param('id', new ParseUUIDPipe()) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(getPolicy, { id }, auth);
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
