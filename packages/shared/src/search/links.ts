/**
 * Whether a message has a link, for `has:link`: a URL with a scheme (`https://…`, `mailto:…`),
 * anything starting with `www.`, or a host name followed by a path (`api.example.com/v2`). A bare
 * `example.com` doesn't count: it is too often a file name or an abbreviation.
 */
const LINK =
  /(?:^|[^\p{L}\p{N}])(?:(?:https?|ftp):\/\/[^\s/$.?#]|mailto:[^\s@]+@|www\.[\p{L}\p{N}-]+\.|[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}\/)/iu;

export function hasLink(text: string): boolean {
  return LINK.test(text);
}
