import { SetMetadata } from '@nestjs/common';

import { PUBLIC_ROUTE } from './route-access.metadata';

/** Opens a route (or every route of a controller) to callers without a credential. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(PUBLIC_ROUTE, true);
