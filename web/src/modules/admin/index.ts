// The admin module's public interface: its routes, lazy-loaded by app/App.tsx under /admin.
export { default as AdminRoutes } from './AdminRoutes';
