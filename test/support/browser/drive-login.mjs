// A stand-in for a person at a browser: opens a URL, follows redirects, keeps cookies, fills the
// sign-in form it finds (username and password, or a federated provider's account field) keeping
// its hidden fields, submits it, and follows the redirects that come back — to the CLI's loopback
// server in the end. It only ever talks to loopback addresses.

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/;

function attributes(tag) {
  const out = {};
  for (const m of tag.matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) out[m[1].toLowerCase()] = unescape(m[2]);
  return out;
}

function unescape(text) {
  return text
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The first form of a page: action, method and its inputs. */
export function parseForm(html) {
  const form = /<form\b([^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const attrs = attributes(form[1]);
  const inputs = [...form[2].matchAll(/<input\b([^>]*)>/gi)].map((m) => attributes(m[1]));
  return { action: attrs.action ?? '', method: (attrs.method ?? 'get').toUpperCase(), inputs };
}

/**
 * Drives a sign-in from `startUrl`. `person` holds what the person would type: `username` and
 * `password` for the login page, or `account` for a federated provider's page.
 * Returns the last page reached (the loopback server's answer when all went well).
 */
export async function driveLogin(startUrl, person, log = () => {}) {
  const jar = new Map();
  let url = startUrl;
  let method = 'GET';
  let body;
  let submitted = 0;
  for (let hop = 0; hop < 15; hop++) {
    const target = new URL(url);
    if (!LOOPBACK.test(target.hostname)) throw new Error(`fake browser refuses ${target.host}: tests stay on loopback`);
    const cookie = [...(jar.get(target.host) ?? new Map())].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: {
        ...(cookie ? { cookie } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        accept: 'text/html',
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      if (!jar.has(target.host)) jar.set(target.host, new Map());
      jar.get(target.host).set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    log({ method, path: target.pathname, status: response.status });
    if (response.status >= 300 && response.status < 400) {
      url = new URL(response.headers.get('location'), url).toString();
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await response.text();
    const form = parseForm(html);
    if (!form || submitted >= 2 || /errorMessage|class="error"/.test(html)) {
      return { status: response.status, url, html };
    }
    const fields = new URLSearchParams();
    for (const input of form.inputs) {
      if (!input.name) continue;
      if (input.type === 'password') fields.set(input.name, person.password ?? '');
      else if (input.type === 'hidden' || input.type === 'submit') fields.set(input.name, input.value ?? '');
      else fields.set(input.name, person.account ?? person.username ?? '');
    }
    url = new URL(form.action, url).toString();
    method = form.method;
    body = method === 'POST' ? fields.toString() : undefined;
    if (method === 'GET') url = `${url}${url.includes('?') ? '&' : '?'}${fields}`;
    submitted++;
  }
  throw new Error('fake browser: too many redirects');
}
