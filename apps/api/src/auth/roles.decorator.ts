import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import type { Principal, Role } from './principal';

export const ROLES_KEY = 'roles';
export const PUBLIC_KEY = 'public';

/** The roles that may call a route (also in the OpenAPI document, as x-roles); scope within the role is checked by the handler. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiExtension('x-roles', roles));
/** A route without a Bearer token: health, and the platforms, which bring their own signatures. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_KEY, true), ApiExtension('x-roles', ['anyone']));

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
