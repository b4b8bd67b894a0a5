export type ReceiptStatus = 'sent' | 'delivered' | 'read';

const LABEL: Record<ReceiptStatus, string> = { sent: 'Sent', delivered: 'Delivered', read: 'Read' };

/** ✓ sent, ✓✓ delivered, ✓✓ in colour once read: for direct conversations. */
export function Receipt({ status }: { status: ReceiptStatus }) {
  return (
    <span className={`receipt receipt-${status}`} role="img" aria-label={LABEL[status]} title={LABEL[status]}>
      {status === 'sent' ? '✓' : '✓✓'}
    </span>
  );
}

/** "Seen by N" under one's latest message in a group; the names on hover. */
export function SeenBy({ names }: { names: readonly string[] }) {
  if (names.length === 0) return null;
  return (
    <span className="seen-by" title={names.join(', ')}>
      Seen by {names.length}
    </span>
  );
}
