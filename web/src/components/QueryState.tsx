import { type FormEvent, type ReactNode, useState } from "react";
import type { CombinedError } from "urql";

import { readKey } from "../lib/apiKey.ts";
import { useApiKey } from "../lib/session.tsx";

/** Whether the API refused the read for want of a key (READS_REQUIRE_KEY=true), or refused the key sent. */
export function needsKey(error: CombinedError | undefined): boolean {
  if (!error) return false;
  return error.response?.status === 401 || error.graphQLErrors.some((each) => each.extensions?.code === "UNAUTHENTICATED");
}

type Result<T> = { data?: T; error?: CombinedError; fetching: boolean };

/**
 * A page's query as the reader sees it: a loading line, the key form when the API wants a key, the error, a "not
 * found" when `missing` says so, or the page.
 */
export function QueryState<T>({ result, missing, children }: { result: Result<T>; missing?: (data: T) => string | null; children: (data: T) => ReactNode }) {
  if (needsKey(result.error)) return <KeyPrompt />;
  if (result.error && !result.data) {
    const messages = result.error.graphQLErrors.map((each) => each.message);
    return (
      <div role="alert" className="error">
        <h1>Something went wrong</h1>
        <p>{messages.length ? messages.join(" ") : "The server could not be reached. Try again in a moment."}</p>
      </div>
    );
  }
  if (!result.data) {
    return (
      <p role="status" className="loading">
        Loading…
      </p>
    );
  }
  const notFound = missing?.(result.data);
  if (notFound) {
    return (
      <div className="error">
        <h1>Not found</h1>
        <p>{notFound}</p>
      </div>
    );
  }
  return <>{children(result.data)}</>;
}

/** Asks for an API key when the server requires one for reads; the key is kept in this tab's session storage only. */
export function KeyPrompt() {
  const { setKey } = useApiKey();
  const [value, setValue] = useState("");
  const refused = readKey() !== null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) setKey(value.trim());
  };
  return (
    <form className="key-prompt" onSubmit={submit}>
      <h1>This server needs an API key to read</h1>
      <p>
        Ask its operator for a key (any role will do). It is kept in this browser tab only, in session storage, and sent with each request as{" "}
        <code>Authorization: Bearer …</code>; closing the tab forgets it.
      </p>
      {refused ? (
        <p role="alert" className="error">
          The server refused the key you gave. Check it and try again.
        </p>
      ) : null}
      <label htmlFor="api-key">API key</label>
      <input
        id="api-key"
        name="api-key"
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      <button type="submit">Read with this key</button>
    </form>
  );
}
