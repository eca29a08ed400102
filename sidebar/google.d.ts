/**
 * The client side of google.script (PLATFORM.md, "HtmlService and the sidebar"): not in
 * @types/google-apps-script, so declared here. Each with… call returns a new runner; calling a
 * server function on it sends the call and returns nothing.
 */
declare namespace google.script {
  interface Runner {
    withSuccessHandler(handler: (result: unknown, userObject?: unknown) => void): Runner;
    withFailureHandler(handler: (error: Error, userObject?: unknown) => void): Runner;
    withUserObject(userObject: unknown): Runner;
  }
  const run: Runner;
  const host: { close(): void; editor: { focus(): void } };
}
