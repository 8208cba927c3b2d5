import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type TransportResult = { ok: true; answer?: unknown } | { ok: false; error: string; permanent: boolean };

/**
 * The port MedCom messages leave through (ADR 0028). The ledger row in
 * `medcom_message` is written first; a transport makes one attempt and says how it went.
 * Delivery is not receipt: the receiver's Acknowledgement closes the entry.
 */
export interface MedcomTransport {
  readonly kind: 'file' | 'http' | 'none';
  send(headerId: string, bundle: unknown): Promise<TransportResult>;
}

export const MEDCOM_TRANSPORT = Symbol('MEDCOM_TRANSPORT');

/** No transport configured: messages wait in the ledger. */
export class NoTransport implements MedcomTransport {
  readonly kind = 'none' as const;
  async send(): Promise<TransportResult> {
    return { ok: false, error: 'no_transport', permanent: false };
  }
}

/**
 * One JSON file per message in a directory, named by its MessageHeader id, as VANS
 * gateways commonly pick messages up: written to a temporary name and renamed, so the
 * gateway never reads half a file. A resend writes the same file again.
 */
export class FileTransport implements MedcomTransport {
  readonly kind = 'file' as const;
  constructor(private readonly dir: string) {}

  async send(headerId: string, bundle: unknown): Promise<TransportResult> {
    try {
      await mkdir(this.dir, { recursive: true });
      const target = join(this.dir, `${headerId.replace(/[^0-9a-zA-Z-]/g, '')}.json`);
      await writeFile(`${target}.tmp`, JSON.stringify(bundle), { mode: 0o600 });
      await rename(`${target}.tmp`, target);
      return { ok: true };
    } catch (err) {
      return { ok: false, error: `file_${(err as NodeJS.ErrnoException).code ?? 'error'}`, permanent: false };
    }
  }
}

/**
 * POSTs the message as application/fhir+json. A 2xx is delivered; a body that is an
 * Acknowledgement message is handed back (a gateway that answers at once). 4xx but
 * 408/429 is a refusal that a resend will not change; the rest are tried again.
 */
export class HttpTransport implements MedcomTransport {
  readonly kind = 'http' as const;
  constructor(
    private readonly url: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(_headerId: string, bundle: unknown): Promise<TransportResult> {
    try {
      const res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
        body: JSON.stringify(bundle),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await res.text();
      if (res.ok) {
        let answer: unknown;
        try {
          answer = text ? JSON.parse(text) : undefined;
        } catch {
          answer = undefined;
        }
        return { ok: true, answer };
      }
      const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
      return { ok: false, error: `http_${res.status}`, permanent };
    } catch (err) {
      return { ok: false, error: err instanceof Error && err.name === 'TimeoutError' ? 'timeout' : 'unreachable', permanent: false };
    }
  }
}
