export { hasLink } from './links.js';
export type {
  ConversationRef,
  ParsedSearchQuery,
  SearchOperator,
  SearchQuery,
  SearchSyntaxError,
  SearchTerm,
  SearchTermKind,
} from './query.js';
export {
  emptySearchQuery,
  formatSearchQuery,
  isCalendarDay,
  parseSearchQuery,
  SEARCH_OPERATORS,
  SEARCH_QUERY_MAX_CHARS,
  SEARCH_TERMS_MAX,
} from './query.js';
