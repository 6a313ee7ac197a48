import { Client } from 'pg';
import { startApp, TestApp, TestAppOptions } from './app';
import { loginAdmin, makeUser, TestUser } from './factories';
import { Http } from './http';

/** A booted app with an HTTP client and the admin's token. */
export interface AdminSession {
  t: TestApp;
  http: Http;
  admin: string;
}

/** Boots the app (as `startApp`) and logs the configured admin in. */
export async function startAdmin(options: TestAppOptions = {}): Promise<AdminSession> {
  const t = await startApp(options);
  const http = new Http(t.baseUrl);
  return { t, http, admin: await loginAdmin(http) };
}

/**
 * An admin session plus three members who belong to no project yet: the usual cast of a spec.
 * Give them project roles with `makeProject(..., { members })`; the outsider stays out.
 */
export interface Team extends AdminSession {
  translator: TestUser;
  reviewer: TestUser;
  outsider: TestUser;
}

export interface TeamOptions extends TestAppOptions {
  /** Display names, for specs that assert who did what. */
  names?: { translator?: string; reviewer?: string; outsider?: string };
}

export async function startTeam(options: TeamOptions = {}): Promise<Team> {
  const { names = {}, ...appOptions } = options;
  const session = await startAdmin(appOptions);
  const { http, admin } = session;
  const [translator, reviewer, outsider] = await Promise.all([
    makeUser(http, admin, { name: names.translator }),
    makeUser(http, admin, { name: names.reviewer }),
    makeUser(http, admin, { name: names.outsider }),
  ]);
  return { ...session, translator, reviewer, outsider };
}

/** An admin session, one translator in no project yet, and a database client for checks. */
export interface TranslatorSession extends AdminSession {
  translator: TestUser;
  db: Client;
  /** Ends the database client, then the app. */
  close(): Promise<void>;
}

export async function startTranslatorSession(
  options: TestAppOptions = {},
): Promise<TranslatorSession> {
  const session = await startAdmin(options);
  const translator = await makeUser(session.http, session.admin);
  const db = new Client({ connectionString: session.t.databaseUrl });
  await db.connect();
  return {
    ...session,
    translator,
    db,
    close: async () => {
      await db.end();
      await session.t.close();
    },
  };
}
