/**
 * The npm package stands on its own (issue #30, item 5): `npm pack` into a temporary folder, unpacked as
 * n8n unpacks a community package, then
 *  - every link of the packed README resolves: a repository link (github.com/<repo>/blob|tree/main/…,
 *    raw.githubusercontent.com/<repo>/main/…) to a file of the working tree, and to a heading there; a
 *    relative link to a file inside the tarball; an in-page #anchor to a heading of the README;
 *  - the tarball holds every template of workflows/ and the Slack app manifest, byte for byte;
 *  - it holds every node and credential package.json declares (dist/ must be built: the test builds it
 *    when it is missing, as the e2e setup does before it installs the package).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildPackage } from '../../../scripts/lib/n8n';
import { anchorsOf, brokenLink, isExternal, linksOf, repositoryPath, ROOT } from './links';

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
let dir: string;
let unpacked: string;

beforeAll(() => {
	const built = [...PKG.n8n.nodes, ...PKG.n8n.credentials].every((f: string) => fs.existsSync(path.join(ROOT, f)));
	if (!built) buildPackage();
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stripe-slack-pack-'));
	const out = execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
	const tarball = path.join(dir, path.basename(JSON.parse(out)[0].filename));
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	unpacked = path.join(dir, 'package');
}, 300_000);

afterAll(() => {
	if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the packed package', () => {
	it('has a README with links, most of them into the repository', () => {
		const links = linksOf(fs.readFileSync(path.join(unpacked, 'README.md'), 'utf8'));
		expect(links.length).toBeGreaterThan(40);
		expect(links.filter((t) => repositoryPath(t)).length).toBeGreaterThan(35);
	});

	it('every link of the packed README resolves (repository links in the working tree, relative ones in the tarball)', () => {
		const broken = linksOf(fs.readFileSync(path.join(unpacked, 'README.md'), 'utf8'))
			.map((target) => brokenLink(unpacked, 'README.md', target))
			.filter(Boolean);
		expect(broken).toEqual([]);
	});

	it('would catch a README link that only works in the repository', () => {
		// docs/ is not shipped: a relative link to it breaks on the npm page, and the check says so
		expect(fs.existsSync(path.join(unpacked, 'docs'))).toBe(false);
		expect(brokenLink(unpacked, 'README.md', 'docs/nodes.md')).toMatch(/no docs\/nodes.md/);
		expect(brokenLink(unpacked, 'README.md', 'workflows/payments.json')).toBeNull();
		expect(brokenLink(unpacked, 'README.md', '#templates')).toBeNull();
		expect(brokenLink(unpacked, 'README.md', '#no-such-section')).toMatch(/no heading/);
		expect(anchorsOf(fs.readFileSync(path.join(unpacked, 'README.md'), 'utf8')).has('templates')).toBe(true);
		expect(linksOf(fs.readFileSync(path.join(unpacked, 'README.md'), 'utf8')).filter((t) => !isExternal(t) && !t.startsWith('#'))).toEqual([]);
	});

	it('contains every template of workflows/ and the Slack app manifest, as in the repository', () => {
		const templates = fs.readdirSync(path.join(ROOT, 'workflows')).sort();
		expect(templates).toEqual(expect.arrayContaining(['payments.json', 'subscriptions.json', 'disputes.json', 'digest.json', 'actions.json', 'support-desk.json', 'errors.json', 'slack-app-manifest.yml']));
		expect(fs.readdirSync(path.join(unpacked, 'workflows')).sort()).toEqual(templates);
		for (const f of templates) {
			expect({ f, same: fs.readFileSync(path.join(unpacked, 'workflows', f)).equals(fs.readFileSync(path.join(ROOT, 'workflows', f))) }).toEqual({ f, same: true });
		}
	});

	it('contains every node and credential package.json declares', () => {
		for (const f of [...PKG.n8n.nodes, ...PKG.n8n.credentials]) expect({ f, packed: fs.existsSync(path.join(unpacked, f)) }).toEqual({ f, packed: true });
	});
});
