/** Name parts the seed combines into people who look real and never collide by e-mail. */
const FIRST_NAMES = [
  'Ada',
  'Alan',
  'Amara',
  'Bruno',
  'Chen',
  'Dara',
  'Elif',
  'Farid',
  'Grace',
  'Hana',
  'Ines',
  'Jonas',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
];
const LAST_NAMES = [
  'Almeida',
  'Baker',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Usman',
  'Varga',
  'Weber',
  'Yilmaz',
  'Zhang',
];
const DOMAINS = ['example.com', 'example.org', 'example.net'];

export interface SamplePerson {
  name: string;
  email: string;
  phone: string;
  externalId: string;
}

/** The `n`th person of a seed run; `run` keeps e-mails of two runs apart. */
export function samplePerson(run: string, n: number): SamplePerson {
  const first = FIRST_NAMES[n % FIRST_NAMES.length];
  const last = LAST_NAMES[Math.floor(n / FIRST_NAMES.length) % LAST_NAMES.length];
  const domain = DOMAINS[n % DOMAINS.length];
  // Unique per person: the area code counts the tens of millions, the line the rest.
  const areaCode = 200 + (Math.floor(n / 10_000_000) % 800);
  const line = String(n % 10_000_000).padStart(7, '0');

  return {
    name: `${first} ${last}`,
    email: `${first}.${last}.${run}${n}@${domain}`.toLowerCase(),
    phone: `+1 ${areaCode} ${line}`,
    externalId: `crm-${run}-${n}`,
  };
}
