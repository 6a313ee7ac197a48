export { RequireAuth } from './RequireAuth';
export { useMe, useCurrentUser, useLogout, authKeys, type Me } from './api';
