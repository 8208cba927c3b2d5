import PDFDocument from 'pdfkit';
import { pdfSafe } from '@bro/platform';
import type { CitizenCopy } from './citizen-copy.service';
import { danishTime } from './reminder-text';

const MARGIN = 56;

function render(build: (doc: PDFKit.PDFDocument, text: (s: string, o?: PDFKit.Mixins.TextOptions) => void) => void, title: string) {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, lang: 'da-DK', info: { Title: title } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  build(doc, (s, o = {}) => doc.text(pdfSafe(s), o));
  doc.end();
  return done;
}

const danishDate = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('da-DK', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));

/** "Min samtale og min plan" as an A4 PDF in Danish, in the citizen's words; large type, nothing else. */
export function renderCitizenCopy(c: CitizenCopy): Promise<Buffer> {
  return render((doc, text) => {
    const heading = (s: string) => {
      doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14);
      text(s);
      doc.moveDown(0.2).font('Helvetica').fontSize(12);
    };
    doc.font('Helvetica-Bold').fontSize(22);
    text(c.title);
    if (c.citizenName) {
      doc.moveDown(0.2).font('Helvetica').fontSize(12);
      text(`Til ${c.citizenName}`);
    }
    heading('Det der er vigtigt for mig');
    text(c.whatMatters ?? '–');
    heading('Mine drømme og ønsker');
    text(c.wishes ?? '–');
    heading('Det vil jeg gerne prøve');
    text(c.wantToTry ?? '–');
    heading('Mine mål');
    if (c.goals.length === 0) text('–');
    for (const goal of c.goals) text(`• ${goal}`);
    heading('Mine skridt');
    if (c.steps.length === 0) text('–');
    for (const s of c.steps) {
      doc.font('Helvetica-Bold');
      text(s.description);
      doc.font('Helvetica');
      const lines = [
        s.dueAt ? `Dato: ${danishDate(s.dueAt, c.timeZone)}` : null,
        s.offer ? `Tilbud: ${s.offer}` : null,
        s.place ? `Sted: ${s.place}` : null,
        s.host ? `Vært: ${s.host}` : null,
        s.companionName ? `Følgeven: ${s.companionName} går med første gang` : s.companion ? 'En følgeven går med første gang' : null,
      ].filter((l): l is string => l !== null);
      for (const l of lines) text(l);
      doc.moveDown(0.4);
    }
    heading('Vores næste aftale');
    text(
      c.nextAppointment
        ? `${danishTime(c.nextAppointment.startsAt, c.timeZone)}, ${c.nextAppointment.place}`
        : 'Vi aftaler den næste gang sammen.',
    );
    heading('Din brobygger');
    text(
      c.brobygger ? [c.brobygger.name, c.brobygger.workPhone ? `Telefon ${c.brobygger.workPhone}` : null].filter(Boolean).join(' · ') : '–',
    );
  }, c.title);
}

/** The reminder letter for a citizen without SMS: to print and send (or hand over). */
export function renderReminderLetter(l: {
  citizenName: string | null;
  when: string;
  place: string;
  brobygger: string | null;
  phone: string | null;
}): Promise<Buffer> {
  return render((doc, text) => {
    doc.font('Helvetica-Bold').fontSize(20);
    text('Påmindelse om vores aftale');
    doc.moveDown(1).font('Helvetica').fontSize(13);
    text(`Kære ${l.citizenName ?? 'borger'}`);
    doc.moveDown(0.6);
    text(`Husk vores aftale ${l.when}.`);
    text(`Sted: ${l.place}`);
    doc.moveDown(0.6);
    text('Hvis du ikke kan komme, så ring gerne til mig.');
    doc.moveDown(1);
    text('Venlig hilsen');
    text([l.brobygger ?? 'Din brobygger', l.phone ? `Telefon ${l.phone}` : null].filter(Boolean).join(' · '));
  }, 'Påmindelse om vores aftale');
}
