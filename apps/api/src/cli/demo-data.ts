/**
 * Demo data: Roskilde (the municipality of the source case on social henvisning) and
 * Svendborg. Areas follow Roskilde's local communities with real postcodes; offers
 * are taken from the source documents in shared/seeds.
 */
export interface DemoMunicipality {
  code: string;
  name: string;
  users: {
    username: string;
    displayName: string;
    role: 'referrer' | 'brobygger' | 'coordinator' | 'gateway';
    organisation?: string;
    /** Printed on the citizen's copy of the plan. */
    workPhone?: string;
  }[];
  /** Where conversations are held (appointments, issue 17). */
  /** The municipality's MedCom identity and the referring clinics' SOR and GLN (ADR 0028): test numbers, not real ones. */
  medcom?: { sor: string; gln: string; name: string; clinics: { organisation: string; sor: string; gln: string }[] };
  places: { name: string; address?: string; accessible: boolean; note?: string; kind?: 'venue' | 'home' | 'phone' }[];
  areas: { name: string; postcodes: string[] }[];
  brobyggere: { username: string; areas: string[]; capacity: number; languages: string[] }[];
  organisations: { name: string; description: string; url?: string }[];
  offers: {
    organisation: string;
    name: string;
    description: string;
    category: string;
    area?: string;
    location?: { name?: string; street?: string; postcode?: string; city?: string };
    schedule?: string;
    acceptsSpecialNeeds?: boolean;
    companionAvailable?: boolean;
    freePlaces?: number | null;
  }[];
}

export const DEMO: DemoMunicipality[] = [
  {
    code: '265',
    name: 'Roskilde Kommune',
    users: [
      { username: 'koordinator.mette', displayName: 'Mette Lund', role: 'coordinator' },
      { username: 'laege.holm', displayName: 'Dr. Peter Holm', role: 'referrer', organisation: 'Lægehuset Algade' },
      { username: 'laege.berg', displayName: 'Dr. Sofie Berg', role: 'referrer', organisation: 'Lægerne i Viby' },
      { username: 'brobygger.anna', displayName: 'Anna Kristensen', role: 'brobygger', workPhone: '46 31 00 01' },
      { username: 'brobygger.jonas', displayName: 'Jonas Madsen', role: 'brobygger', workPhone: '46 31 00 02' },
      // The VANS gateway's system account: the only caller of POST /medcom (ADR 0028).
      { username: 'medcom.gateway', displayName: 'MedCom VANS-gateway', role: 'gateway' },
    ],
    medcom: {
      sor: '265001000016001',
      gln: '5790002650000',
      name: 'Roskilde Kommune, Social henvisning',
      clinics: [
        { organisation: 'Lægehuset Algade', sor: '265101000016002', gln: '5790001234010' },
        { organisation: 'Lægerne i Viby', sor: '265201000016003', gln: '5790001234027' },
      ],
    },
    places: [
      { name: 'Havehuset', address: 'Roskilde', accessible: true, note: 'Samtalerummet bag drivhuset; kaffe på kanden' },
      { name: 'Plejecentret', address: 'Roskilde', accessible: true, note: 'Mødelokalet ved caféen' },
      { name: 'Cirkler i Viby', address: '4130 Viby Sjælland', accessible: false, note: 'Tæt på hjemmet for borgere i Viby og Gadstrup' },
      { name: 'Hjemme hos borgeren', accessible: false, kind: 'home' },
      { name: 'Telefon', accessible: true, kind: 'phone', note: 'Korte opfølgende samtaler' },
    ],
    areas: [
      { name: 'Roskilde By', postcodes: ['4000'] },
      { name: 'Jyllinge og Gundsømagle', postcodes: ['4040', '4050'] },
      { name: 'Viby og Gadstrup', postcodes: ['4130', '4621'] },
    ],
    brobyggere: [
      { username: 'brobygger.anna', areas: ['Roskilde By', 'Jyllinge og Gundsømagle'], capacity: 25, languages: ['da', 'en'] },
      { username: 'brobygger.jonas', areas: ['Viby og Gadstrup', 'Roskilde By'], capacity: 20, languages: ['da', 'ar'] },
    ],
    organisations: [
      { name: 'Cirkler', description: 'Fællesskaber, der gør en forskel — lokale cirkler for borgere i Roskilde Kommune.' },
      { name: 'Frivilligcenter & Selvhjælp Roskilde', description: 'Frivilligcenter med selvhjælpsgrupper og følgevenner.' },
      { name: 'Røde Kors Roskilde', description: 'Demenscaféer og besøgsvenner.' },
      { name: 'Ældre Sagen Roskilde', description: 'Aktiviteter og netværk for ældre, bl.a. Drømmeløberne.' },
      { name: 'MIN KOK', description: 'Frivillige kokke laver gæstemiddag i værtens eget hjem.' },
      { name: 'Roskilde Kommune', description: 'Kommunale mødesteder og aktivitetscentre.' },
    ],
    offers: [
      {
        organisation: 'Cirkler',
        name: 'Cirkler i Viby',
        description: 'Små fællesskaber der mødes fast om en fælles interesse.',
        category: 'community',
        area: 'Viby og Gadstrup',
        location: { name: 'Cirkler', city: 'Viby Sjælland', postcode: '4130' },
        schedule: 'Torsdage 10–12',
        companionAvailable: true,
        freePlaces: 6,
      },
      {
        organisation: 'Roskilde Kommune',
        name: 'Havehuset',
        description: 'Åbent mødested med have, kaffe og fællesskab.',
        category: 'open_meeting_place',
        area: 'Roskilde By',
        location: { name: 'Havehuset', city: 'Roskilde', postcode: '4000' },
        schedule: 'Hverdage 9–14',
        acceptsSpecialNeeds: true,
        freePlaces: null,
      },
      {
        organisation: 'Røde Kors Roskilde',
        name: 'Demenscafé',
        description: 'Café for mennesker med demens og deres pårørende.',
        category: 'dementia_cafe',
        area: 'Roskilde By',
        schedule: 'Første onsdag i måneden 14–16',
        acceptsSpecialNeeds: true,
        companionAvailable: true,
        freePlaces: 4,
      },
      {
        organisation: 'Ældre Sagen Roskilde',
        name: 'Drømmeløberne',
        description: 'Ældre Sagens frivillige hjælper ældre med at opfylde en drøm.',
        category: 'volunteer_group',
        area: 'Jyllinge og Gundsømagle',
        freePlaces: 0,
      },
      {
        organisation: 'MIN KOK',
        name: 'MIN KOK gæstemiddag',
        description: 'Frivillige kokke laver middag i værtens hjem for en lille gruppe gæster.',
        category: 'community',
        freePlaces: 3,
      },
      {
        organisation: 'Frivilligcenter & Selvhjælp Roskilde',
        name: 'Følgevenner',
        description: 'En frivillig følger borgeren til det første besøg i en forening.',
        category: 'companion',
        companionAvailable: true,
        freePlaces: 10,
      },
    ],
  },
  {
    code: '479',
    name: 'Svendborg Kommune',
    users: [{ username: 'koordinator.svend', displayName: 'Svend Nielsen', role: 'coordinator' }],
    places: [
      { name: 'Hjemme hos borgeren', accessible: false, kind: 'home' },
      { name: 'Telefon', accessible: true, kind: 'phone' },
    ],
    areas: [
      { name: 'Svendborg By', postcodes: ['5700'] },
      { name: 'Østlige Svendborg', postcodes: ['5881', '5882', '5883', '5884'] },
    ],
    brobyggere: [],
    organisations: [{ name: 'Svendborg Senior Idræt', description: 'Motion og fællesskab for seniorer.' }],
    offers: [
      {
        organisation: 'Svendborg Senior Idræt',
        name: 'Seniorgymnastik',
        description: 'Gymnastik og kaffe for seniorer.',
        category: 'exercise',
        area: 'Svendborg By',
        schedule: 'Tirsdage 10–11',
        freePlaces: 12,
      },
    ],
  },
];
