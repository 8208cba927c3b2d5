import PDFDocument from 'pdfkit';
import { pdfSafe } from '@bro/platform';
import type { Breakdown, CouncilReport, Duration, ScoreChange } from './dto/council-report.dto';
import { danishDate } from './labels';
import { formatCount, ProtectedCount } from '@bro/case-kernel';

const MARGIN = 50;
const INK = '#1f2933';
const MUTED = '#4b5563';
const BAR = '#00529b';
const LINE = '#c8cdd3';

/**
 * The report as a PDF a committee can read: a title page with the key figures, each
 * breakdown as a table with a bar per row, the durations and the scores as tables, and
 * the method last. pdfkit's built-in Helvetica (WinAnsi: Danish letters are fine);
 * anything it cannot print (text from outside, such as an area's name) becomes "?".
 */
export function renderPdf(r: CouncilReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'da-DK',
    info: { Title: `${r.title} – ${r.municipality}`, Subject: 'Udvalgsrapport', Author: r.municipality },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const width = doc.page.width - 2 * MARGIN;
  const text = (s: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(pdfSafe(s), options);
  const room = (needed: number) => {
    if (doc.y + needed > doc.page.height - MARGIN - 20) doc.addPage();
  };
  const heading = (s: string) => {
    room(80);
    doc.moveDown(0.8).font('Helvetica-Bold').fontSize(13).fillColor(INK);
    text(s, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(9.5);
  };
  const note = (s: string) => {
    doc.font('Helvetica-Oblique').fontSize(8.5).fillColor(MUTED);
    text(s, { width });
    doc.moveDown(0.3).font('Helvetica').fontSize(9.5).fillColor(INK);
  };

  // Title page.
  doc.font('Helvetica-Bold').fontSize(22).fillColor(INK);
  text(r.title, { width });
  doc.moveDown(0.4).font('Helvetica').fontSize(12).fillColor(MUTED);
  text(r.municipality);
  text(`Periode: ${danishDate(r.period.from)} – ${danishDate(r.period.to)}`);
  text(`Lokalområde: ${r.area?.name ?? 'alle'}`);
  text(`Dannet: ${danishDate(r.generatedAt.slice(0, 10))}`);
  doc.moveDown(1).fillColor(INK).font('Helvetica-Bold').fontSize(13);
  text('Nøgletal');
  doc.moveDown(0.3).font('Helvetica').fontSize(11);
  const bridgedShare = r.bridging.bridged.rows.find((x) => x.key === 'bridged')?.share ?? null;
  const keyFigures: [string, string][] = [
    ['Borgere i rapporten', count(r.citizens)],
    ['Median tid til første kontakt', days(r.time.toFirstContact.medianWorkingDays)],
    ['Median tid til første samtale', days(r.time.toFirstConversation.medianWorkingDays)],
    ['Brobygget til et tilbud', bridgedShare === null ? 'ikke vist' : `${decimal(bridgedShare)} %`],
    ['Ændring i trivsel (WHO-5) i forløbet', signed(r.wellbeing.who5)],
    ['Ændring i ensomhed (UCLA-3) i forløbet', signed(r.wellbeing.ucla3)],
  ];
  for (const [label, value] of keyFigures) {
    const y = doc.y;
    text(label, { width: 300 });
    doc.font('Helvetica-Bold');
    doc.text(pdfSafe(value), MARGIN + 310, y, { width: width - 310 });
    doc.font('Helvetica').x = MARGIN;
    doc.moveDown(0.2);
  }
  doc.moveDown(1);
  note(
    `Tallene beskriver grupper, aldrig enkelte borgere. Et antal under ${r.threshold} vises som "< ${r.threshold}", og et tal, der er skjult for at beskytte det, som "(skjult)". Metoden står sidst i rapporten.`,
  );

  // Breakdowns: a table with a bar per row.
  const breakdown = (title: string, b: Breakdown, caption?: string) => {
    heading(title);
    if (caption) note(caption);
    const labelW = 190;
    const countW = 60;
    const shareW = 55;
    const barX = MARGIN + labelW + countW + shareW + 10;
    const barW = width - (barX - MARGIN);
    const max = Math.max(1, ...b.rows.map((x) => x.count.value ?? 0));
    const row = (label: string, value: string, share: string, bar: number | null, bold = false) => {
      room(16);
      const y = doc.y;
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(9.5)
        .fillColor(INK);
      doc.text(pdfSafe(label), MARGIN, y, { width: labelW - 6, lineBreak: false, ellipsis: true });
      doc.text(value, MARGIN + labelW, y, { width: countW, align: 'right', lineBreak: false });
      doc.text(share, MARGIN + labelW + countW, y, { width: shareW, align: 'right', lineBreak: false });
      if (bar !== null && bar > 0) doc.rect(barX, y + 1, Math.max(1, (bar / max) * barW), 9).fill(BAR);
      doc.fillColor(INK);
      doc.x = MARGIN;
      doc.y = y + 14;
    };
    doc.font('Helvetica-Bold').fontSize(8.5).fillColor(MUTED);
    row('Kategori', 'Antal', 'Andel', null, true);
    doc
      .moveTo(MARGIN, doc.y - 2)
      .lineTo(MARGIN + width, doc.y - 2)
      .strokeColor(LINE)
      .stroke();
    for (const x of b.rows) row(x.label, count(x.count), x.share === null ? '' : `${decimal(x.share)} %`, x.count.value);
    row('I alt', count(b.total), '', null, true);
  };
  const durations = (rows: [string, Duration][]) => {
    heading('Tid fra henvisning (arbejdsdage)');
    table(
      ['', 'Borgere', 'Median', '90. percentil'],
      rows.map(([label, d]) => [label, count(d.n), decimal(d.medianWorkingDays), decimal(d.p90WorkingDays)]),
    );
  };
  const changes = (title: string, rows: [string, ScoreChange][], caption: string) => {
    heading(title);
    note(caption);
    table(
      ['', 'Borgere', 'Første måling', 'Senere', 'Ændring', '95 % KI'],
      rows.map(([label, c]) => [
        label,
        count(c.n),
        decimal(c.baselineMean),
        decimal(c.laterMean),
        c.meanChange === null ? '–' : signedNumber(c.meanChange),
        c.ci95 ? `${decimal(c.ci95.lower)} til ${decimal(c.ci95.upper)}` : '–',
      ]),
    );
  };
  const table = (header: string[], rows: string[][]) => {
    const first = 170;
    const rest = (width - first) / (header.length - 1);
    const line = (cells: string[], bold: boolean) => {
      room(16);
      const y = doc.y;
      doc
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(9.5)
        .fillColor(bold ? MUTED : INK);
      cells.forEach((c, i) =>
        doc.text(pdfSafe(c), i === 0 ? MARGIN : MARGIN + first + (i - 1) * rest, y, {
          width: i === 0 ? first - 6 : rest,
          align: i === 0 ? 'left' : 'right',
          lineBreak: false,
        }),
      );
      doc.fillColor(INK);
      doc.x = MARGIN;
      doc.y = y + 14;
    };
    line(header, true);
    doc
      .moveTo(MARGIN, doc.y - 2)
      .lineTo(MARGIN + width, doc.y - 2)
      .strokeColor(LINE)
      .stroke();
    for (const row of rows) line(row, false);
  };

  doc.addPage();
  breakdown(
    'Henvisninger efter kilde',
    r.referrals.bySource,
    'Den type organisation, henviseren hører til – aldrig den enkelte læge eller klinik.',
  );
  breakdown('Henvisninger efter årsag', r.referrals.byReason, 'En henvisning kan have flere årsager; andelen er af alle borgere.');
  breakdown('Henvisninger efter lokalområde', r.referrals.byArea);
  breakdown('Henvisninger efter måned', r.referrals.byMonth);
  durations([
    ['Første kontakt', r.time.toFirstContact],
    ['Første samtale', r.time.toFirstConversation],
  ]);
  breakdown('Brobygning til et tilbud', r.bridging.bridged, 'Af borgere, der har haft første samtale.');
  breakdown(
    'Fortsætter i tilbuddet efter 3 måneder',
    r.bridging.continuingAt3Months,
    'Af brobyggede borgere, hvis første samtale er mindst 3 måneder gammel.',
  );
  changes(
    'Trivsel og ensomhed',
    [
      ['WHO-5 i forløbet', r.wellbeing.who5],
      ['UCLA-3 i forløbet', r.wellbeing.ucla3],
      ['WHO-5 efter 3 måneder', r.afterClosing.months3.who5],
      ['UCLA-3 efter 3 måneder', r.afterClosing.months3.ucla3],
      ['WHO-5 efter 9 måneder', r.afterClosing.months9.who5],
      ['UCLA-3 efter 9 måneder', r.afterClosing.months9.ucla3],
    ],
    'WHO-5: 0-100, højere er bedre. UCLA-3: 3-9, højere er mere ensom. Senere: seneste måling i forløbet, eller målingen 3 eller 9 måneder efter første samtale.',
  );
  breakdown('Måling 3 måneder efter første samtale', r.afterClosing.months3.followUps);
  breakdown('Måling 9 måneder efter første samtale', r.afterClosing.months9.followUps);
  breakdown('Afslutninger', r.outcomes, 'Forløbenes status, da rapporten blev dannet.');

  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(16).fillColor(INK);
  text('Metode');
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  for (const paragraph of r.method.da) {
    room(40);
    text(paragraph, { width, align: 'left' });
    doc.moveDown(0.6);
  }

  const pages = doc.bufferedPageRange();
  for (let i = 0; i < pages.count; i++) {
    doc.switchToPage(pages.start + i);
    // The footer sits in the bottom margin: without this pdfkit would start a new page for it.
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    doc.text(pdfSafe(`${r.municipality} · Rapport til udvalget · side ${i + 1} af ${pages.count}`), MARGIN, doc.page.height - MARGIN + 10, {
      width,
      align: 'center',
      lineBreak: false,
    });
  }
  doc.end();
  return done;
}

const count = (c: ProtectedCount) => formatCount(c, 'da');
const decimal = (x: number | null) => (x === null ? '–' : String(x).replace('.', ','));
const days = (x: number | null) => (x === null ? 'ikke vist' : `${decimal(x)} arbejdsdage`);
const signedNumber = (x: number) => (x > 0 ? `+${decimal(x)}` : decimal(x));
const signed = (c: ScoreChange) =>
  c.meanChange === null
    ? 'ikke vist'
    : `${signedNumber(c.meanChange)}${c.ci95 ? ` (95 % KI ${decimal(c.ci95.lower)} til ${decimal(c.ci95.upper)})` : ''}`;
