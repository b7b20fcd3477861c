// Times the planning calendar's moves against a running DropIt: logs a coach in, finds a session
// of this week's calendar, then moves it a day forth and back `moves` times, one after the
// other, each with the version the previous move answered (as the calendar's drags do), and
// prints the 50th, 95th and 99th percentiles and the slowest.
//
//   node bench/planning-moves.mjs http://127.0.0.1:3300 coach@planning.bench.dropit.club 2000
//
// Used by bench/planning.sh; a benchmark is run by a person, never by the test suite.
const [base, email, count = '2000'] = process.argv.slice(2);
const moves = Number(count);

const login = await fetch(`${base}/api/log_in`, {
  method: 'POST',
  body: new URLSearchParams({ email, password: 'dropit-demo' }),
  redirect: 'manual',
});
const cookie = (login.headers.getSetCookie?.() ?? [])
  .map((c) => c.split(';')[0])
  .find((c) => c.startsWith('dropit_session='));
if (!login.ok || !cookie) throw new Error(`could not log ${email} in: ${login.status}`);

async function call(name, fields) {
  const answer = await fetch(`${base}/api/${name}`, {
    method: 'POST',
    headers: { cookie, accept: 'application/json' },
    body: new URLSearchParams(fields),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${name}: ${answer.status} ${text}`);
  return JSON.parse(text);
}

const calendar = await call('planning_calendar', {});
const session = calendar.sessions[0];
if (!session) throw new Error('the calendar of this month has no session');
const day = new Date(`${session.date}T00:00:00Z`);
const other = new Date(day);
other.setUTCDate(day.getUTCDate() + 1);
const days = [other.toISOString().slice(0, 10), session.date];

let version = session.version;
const times = [];
for (let i = 0; i < moves; i++) {
  const start = performance.now();
  version = await call('move_session', { id: session.id, version, date: days[i % 2] });
  times.push(performance.now() - start);
}
times.sort((a, b) => a - b);
const at = (p) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(1);
console.log(
  `${moves} moves of session ${session.id}, one at a time: p50 ${at(50)} ms, p95 ${at(95)} ms, p99 ${at(99)} ms, slowest ${times[times.length - 1].toFixed(1)} ms`,
);
