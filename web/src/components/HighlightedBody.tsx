import { type FocusEvent, type KeyboardEvent, type MouseEvent, type ReactNode, useId, useLayoutEffect, useMemo, useRef, useState } from "react";

import { type FragmentType, getFragmentData, graphql } from "../gql";
import { count } from "../lib/format.ts";
import { navigate, paths } from "../lib/router.tsx";
import { nestSpans, type Piece } from "../lib/spans.ts";
import { ClaimCard } from "./ClaimCard.tsx";

export const HighlightedBodyFragment = graphql(`
  fragment HighlightedBody_article on Article {
    body
    appearances(first: 100) {
      totalCount
      edges {
        node {
          id
          start
          end
          status
          kind
          claim {
            id
            ...ClaimCard_claim
          }
        }
      }
    }
  }
`);

type Active = { id: string; anchor: HTMLElement };

/** The mark of a claim span an event happened in, if any. */
const markOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>("mark[data-appearance]") : null);

/**
 * The article's text with every claim span marked where it stands. Overlapping spans nest (a place inside two spans
 * is inside two marks, each a translucent layer, so it reads darker), and a span that crosses another is cut into
 * pieces (lib/spans.ts). Hovering a span, or focusing it with Tab, shows its claim card; Enter or a click opens
 * the claim; Escape hides the card.
 */
export function HighlightedBody(props: { article: FragmentType<typeof HighlightedBodyFragment> }) {
  const article = getFragmentData(HighlightedBodyFragment, props.article);
  const { body } = article;
  const { anchored, unanchored, pieces } = useMemo(() => {
    const nodes = article.appearances.edges.map((edge) => edge.node);
    const anchored = nodes.filter((node) => node.status === "ANCHORED" && node.start !== null && node.end !== null);
    const spans = anchored.map((node) => ({ id: node.id, start: node.start!, end: node.end! }));
    return { anchored: new Map(anchored.map((node) => [node.id, node])), unanchored: nodes.length - anchored.length, pieces: nestSpans(body.length, spans) };
  }, [article, body]);

  const [active, setActive] = useState<Active | null>(null);
  const [position, setPosition] = useState({ top: 0, left: 0 });
  const wrapper = useRef<HTMLDivElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const cardId = useId();

  // The card goes in the margin beside the span when the window has room for it, else under the line the span ends
  // on, kept within the text's width. It never takes the pointer (CSS), so it never hides another span from it.
  useLayoutEffect(() => {
    if (!active || !wrapper.current || !card.current) return;
    const box = wrapper.current.getBoundingClientRect();
    const lines = active.anchor.getClientRects();
    const firstLine = lines[0] ?? active.anchor.getBoundingClientRect();
    const lastLine = lines[lines.length - 1] ?? firstLine;
    const width = card.current.offsetWidth;
    const gap = 24;
    if (document.documentElement.clientWidth - box.right >= width + gap + 16) {
      setPosition({ top: Math.max(0, firstLine.top - box.top - 8), left: box.width + gap });
    } else {
      setPosition({ top: lastLine.bottom - box.top + 6, left: Math.max(0, Math.min(lastLine.left - box.left, box.width - width)) });
    }
  }, [active]);

  const activate = (mark: HTMLElement | null) => setActive(mark && wrapper.current?.contains(mark) ? { id: mark.dataset.appearance!, anchor: mark } : null);
  const openClaim = (mark: HTMLElement) => {
    const appearance = anchored.get(mark.dataset.appearance!);
    if (appearance) navigate(paths.claim(appearance.claim.id));
  };

  const handlers = {
    onMouseOver: (event: MouseEvent) => {
      const mark = markOf(event.target);
      if (mark) activate(mark);
    },
    // Leaving the text (and its card) goes back to the focused span, if any.
    onMouseLeave: () => activate(markOf(document.activeElement)),
    onFocus: (event: FocusEvent) => activate(markOf(event.target)),
    onBlur: (event: FocusEvent) => {
      if (!markOf(event.relatedTarget)) setActive(null);
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === "Escape") setActive(null);
      const mark = markOf(event.target);
      if (event.key === "Enter" && mark) {
        event.preventDefault();
        openClaim(mark);
      }
    },
    onClick: (event: MouseEvent) => {
      const mark = markOf(event.target);
      // A click that ends a text selection selects; it does not navigate.
      if (mark && (window.getSelection()?.isCollapsed ?? true)) openClaim(mark);
    },
  };

  const render = (list: Piece[]): ReactNode[] =>
    list.map((piece) => {
      if (piece.kind === "text") return body.slice(piece.start, piece.end);
      const appearance = anchored.get(piece.id)!;
      const isActive = active?.id === piece.id;
      return (
        <mark
          key={`${piece.id}:${piece.start}`}
          data-appearance={piece.id}
          data-claim={appearance.claim.id}
          data-kind={appearance.kind}
          className={`claim-span${isActive ? " active" : ""}`}
          // The first piece of each span is a tab stop; the others take focus only when clicked.
          tabIndex={piece.first ? 0 : -1}
          aria-describedby={isActive ? cardId : undefined}
        >
          {render(piece.children)}
        </mark>
      );
    });

  const activeAppearance = active ? anchored.get(active.id) : undefined;
  const shown = article.appearances.totalCount;
  return (
    <section aria-labelledby="article-text-heading">
      <h2 id="article-text-heading" className="visually-hidden">
        Article text
      </h2>
      <p className="body-help">
        {count(anchored.size, "claim span")} highlighted. Hover over one, or reach it with Tab, to see who made the claim; Enter or a click opens the claim.
        {shown > article.appearances.edges.length ? ` The first ${article.appearances.edges.length} of ${shown} spans are shown.` : ""}
        {unanchored ? ` ${count(unanchored, "span")} could not be found in the current text.` : ""}
      </p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: leaving the text hides a hovered span's card; the keyboard has focus and Escape. */}
      <div className="article-text-wrapper" ref={wrapper} onMouseLeave={handlers.onMouseLeave}>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: the handlers belong to the marks inside (delegated); each mark is focusable. */}
        <div
          className="article-body"
          onMouseOver={handlers.onMouseOver}
          onFocus={handlers.onFocus}
          onBlur={handlers.onBlur}
          onKeyDown={handlers.onKeyDown}
          onClick={handlers.onClick}
        >
          {render(pieces)}
        </div>
        {active && activeAppearance ? (
          <ClaimCard ref={card} id={cardId} claim={activeAppearance.claim} kind={activeAppearance.kind} top={position.top} left={position.left} />
        ) : null}
      </div>
    </section>
  );
}
