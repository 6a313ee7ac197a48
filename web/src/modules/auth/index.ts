export { RequireAuth } from './RequireAuth';
export {
  useMe,
  useCurrentUser,
  useLogout,
  useChangePassword,
  useUpdateMe,
  useCreateToken,
  useRevokeToken,
  authKeys,
  tokenKeys,
  type Me,
  type ApiToken,
  type CreatedApiToken,
} from './api';
