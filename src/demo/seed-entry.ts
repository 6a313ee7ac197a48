/** Placeholder replaced when the demo seeder lands. */
export async function seedDemo(_get: unknown, print: (line: string) => void): Promise<void> {
  print('Demo content is not available yet.');
}
