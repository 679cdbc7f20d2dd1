import { CurrentAuth, RequireScopes } from '@compliance/auth';
import {
  AuthContext,
  changeSecretVersion,
  createSecret,
  deleteSecret,
  getSecret,
  listSecretLogs,
  listSecrets,
  listSecretVersions,
  revealSecret,
  rollbackSecret,
  rotateSecret,
  updateSecret,
} from '@compliance/contracts';
import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ServiceClient } from '../client/service-client';
import { pageOf, PageQueryDto } from '../dto/page-query.dto';
import {
  ChangeSecretVersionDto,
  CreateSecretDto,
  RevealQueryDto,
  RollbackSecretDto,
  RotateSecretDto,
  SecretLogQueryDto,
  SecretSettingsDto,
} from '../dto/secret.dto';

const uuid = new ParseUUIDPipe();

/** The secrets vault. Only `reveal` answers with a value; lists and details never do. */
@ApiTags('secrets')
@ApiBearerAuth()
@Controller('api/compliance')
export class SecretsController {
  constructor(private readonly services: ServiceClient) {}

  @Post('secrets')
  @RequireScopes('secrets:write')
  @ApiOperation({ summary: 'Create a secret with its first version (generated or supplied)' })
  create(@Body() body: CreateSecretDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(createSecret, withDefaults(body), auth);
  }

  @Get('secrets')
  @RequireScopes('secrets:read')
  @ApiOperation({ summary: 'Secrets (never their values)' })
  list(@Query() query: PageQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listSecrets, pageOf(query), auth);
  }

  @Get('secrets/:id')
  @RequireScopes('secrets:read')
  @ApiOperation({ summary: 'A secret (never its value)' })
  get(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(getSecret, { id }, auth);
  }

  @Patch('secrets/:id')
  @RequireScopes('secrets:write')
  @ApiOperation({ summary: 'Change a secret’s description, access list or rotation settings' })
  update(
    @Param('id', uuid) id: string,
    @Body() body: SecretSettingsDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(updateSecret, { id, ...withGenerator(body) }, auth);
  }

  @Delete('secrets/:id')
  @RequireScopes('secrets:write')
  @ApiOperation({ summary: 'Delete a secret and destroy every version’s value' })
  remove(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(deleteSecret, { id }, auth);
  }

  @Post('secrets/:id/rotate')
  @HttpCode(200)
  @RequireScopes('secrets:write')
  @ApiOperation({ summary: 'Make a new version: generated, supplied, or asked of its owner' })
  rotate(
    @Param('id', uuid) id: string,
    @Body() body: RotateSecretDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(rotateSecret, { id, value: body.value }, auth);
  }

  /**
   * Open to any authenticated caller on purpose: the vault checks `secrets:reveal` itself,
   * so that a refused attempt leaves its entry in the access log.
   */
  @Get('secrets/:id/reveal')
  @RequireScopes()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Reveal a value (needs secrets:reveal and a reason; logged)' })
  reveal(
    @Param('id', uuid) id: string,
    @Query() query: RevealQueryDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(
      revealSecret,
      { id, reason: query.reason, version: query.version },
      auth,
    );
  }

  @Get('secrets/:id/versions')
  @RequireScopes('secrets:read')
  @ApiOperation({ summary: 'A secret’s versions (never their values)' })
  versions(@Param('id', uuid) id: string, @CurrentAuth() auth: AuthContext) {
    return this.services.send(listSecretVersions, { id }, auth);
  }

  @Post('secrets/:id/rollback')
  @HttpCode(200)
  @RequireScopes('secrets:write')
  @ApiOperation({ summary: 'Make an earlier version current again' })
  rollback(
    @Param('id', uuid) id: string,
    @Body() body: RollbackSecretDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(rollbackSecret, { id, toVersion: body.toVersion }, auth);
  }

  @Patch('secrets/:id/versions/:version')
  @RequireScopes('secrets:write')
  @ApiOperation({ summary: 'Disable, re-enable or destroy a version other than the current' })
  changeVersion(
    @Param('id', uuid) id: string,
    @Param('version', ParseIntPipe) version: number,
    @Body() body: ChangeSecretVersionDto,
    @CurrentAuth() auth: AuthContext,
  ) {
    return this.services.send(changeSecretVersion, { id, version, status: body.status }, auth);
  }

  @Get('secret-logs')
  @RequireScopes('secrets:read')
  @ApiOperation({ summary: 'Secret access log (read-only)' })
  logs(@Query() query: SecretLogQueryDto, @CurrentAuth() auth: AuthContext) {
    return this.services.send(
      listSecretLogs,
      { ...pageOf(query), ...(query.secretId ? { secretId: query.secretId } : {}) },
      auth,
    );
  }
}

const DEFAULT_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function withGenerator<T extends SecretSettingsDto>(body: T) {
  const { generator, ...rest } = body;

  return {
    ...rest,
    ...(generator
      ? {
          generator: {
            length: generator.length ?? 40,
            alphabet: generator.alphabet ?? DEFAULT_ALPHABET,
          },
        }
      : {}),
  };
}

function withDefaults(body: CreateSecretDto) {
  const settings = withGenerator(body);

  return {
    ...settings,
    name: body.name,
    ownerService: body.ownerService,
    description: body.description ?? '',
    tags: body.tags ?? [],
    allowedServices: body.allowedServices ?? [],
    rotationSource: body.rotationSource ?? 'generated',
    generator: settings.generator ?? { length: 40, alphabet: DEFAULT_ALPHABET },
    rotationIntervalDays: body.rotationIntervalDays ?? null,
    expiresAt: body.expiresAt ?? null,
    overlapHours: body.overlapHours ?? 24,
    notifyEmail: body.notifyEmail ?? null,
  };
}
