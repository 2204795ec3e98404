/** What kind of thing a watchlist entity is. */
export type EntityType = 'person' | 'organization' | 'place' | 'project' | 'other';

/** A tracked person, organization, place or project, with every name it goes by. */
export interface Entity {
  id: string;
  type: EntityType;
  /** Display name; also matched. */
  name: string;
  /** Language of the name, enabling language-specific variant rules (e.g. `ko` romanizations). */
  lang?: string | undefined;
  aliases: string[];
  /**
   * Phrases that contain one of the entity's names but do not mention it ("Moscow time",
   * "Lake Khasan"): a match inside one of them is dropped. Matched with the same rules
   * (spellings, case forms, particles) as the names.
   */
  exclude?: string[] | undefined;
  tags: string[];
}

/** A tracked story: a Boolean/proximity query over title and body. */
export interface Story {
  id: string;
  name: string;
  query: string;
  tags: string[];
}

/** The parsed, validated watchlist. */
export interface Watchlist {
  entities: Entity[];
  stories: Story[];
}

export type SourceKind = 'feed' | 'html';

/** CSS selectors that read a listing page of an HTML source. */
export interface HtmlSelectors {
  /** Selects each item on the listing page. */
  item: string;
  /** Within an item: the element whose href is the article link (default `a`). */
  link?: string | undefined;
  /** Within an item: the title (default: the link's text). */
  title?: string | undefined;
  /** Within an item: the date (datetime attribute or text). */
  date?: string | undefined;
}

/** One configured source, as validated from `sources.yaml`. */
export interface SourceConfig {
  id: string;
  name: string;
  url: string;
  kind: SourceKind;
  /** Poll interval in milliseconds (parsed from `every: "10m"`). */
  everyMs: number;
  language?: string | undefined;
  enabled: boolean;
  /** Fetch the linked page and extract its main text before matching. */
  fetchArticle: boolean;
  /** Honor robots.txt (default true for html sources and article pages). */
  respectRobots: boolean;
  selectors?: HtmlSelectors | undefined;
  /** Per-source overrides of the fetch limits; unset fields use the fetcher's defaults. */
  limits?: SourceFetchLimits | undefined;
}

/** Fetch limits one source may override (from `timeout`, `max_bytes`, `max_redirects`). */
export interface SourceFetchLimits {
  /** Total deadline per request, in milliseconds. */
  timeoutMs?: number | undefined;
  /** Largest body accepted after decompression, in bytes. */
  maxBytes?: number | undefined;
  maxRedirects?: number | undefined;
}

/** One item read from a source, before it is stored. */
export interface FeedItem {
  /** The feed's own id for the item (guid / atom id), if it has one. */
  guid?: string | undefined;
  url?: string | undefined;
  title: string;
  /** Plain text of the item (summary or full content, HTML already turned into text). */
  text: string;
  publishedAt?: Date | undefined;
  author?: string | undefined;
}

/** Where in a document a match was found. Offsets index the text that was matched against. */
export interface Evidence {
  /** The exact original text matched. */
  text: string;
  start: number;
  end: number;
  /** A short excerpt of the original text around the match. */
  snippet: string;
}

/** One entity or story found in a document. */
export interface ExtractedMatch {
  id: string;
  type: 'entity' | 'story';
  name: string;
  evidence: Evidence[];
}

/** The document a watchlist is matched against. */
export interface DocumentInput {
  title?: string | undefined;
  body: string;
}
