// The page: runs waymark's own tools (risk-check, plan-gen, contract-print, built to WebAssembly
// from the same code as the command-line tools) on the file the user chooses, as a user runs them,
// with the same arguments, on an in-memory file system. The file is read by the browser and
// written into the tool's memory; nothing is sent anywhere (the Content-Security-Policy of
// index.html forbids it). What the tools write is shown as they wrote it; when a tool fails, its
// own message is shown, and nothing from that run.
'use strict';

(() => {
  const pageSize = 250;
  const groupFields = ['year_group', 'tutor_group', 'gender', 'fsm', 'sen', 'eal', 'looked_after'];
  const $ = (id) => document.getElementById(id);

  const state = {
    lang: 'en',
    file: null,        // {name, bytes}
    scored: null,      // risk-check's JSON output, as bytes: what plan-gen reads
    records: [],       // the same, parsed
    fields: {},        // field -> the input's heading for it (risk-check --show-columns)
    chosen: new Set(), // ids
    page: 0,
    busy: false,
    again: false,
    groupChosen: false,
  };

  function text(key, values = {}) {
    const words = window.waymarkText[state.lang] || window.waymarkText.en;
    const template = words[key] !== undefined ? words[key] : window.waymarkText.en[key];
    return template.replace(/\{(\w+)\}/g, (_, name) => String(values[name]));
  }

  function applyText() {
    document.documentElement.lang = state.lang;
    for (const element of document.querySelectorAll('[data-text]')) {
      element.textContent = text(element.dataset.text);
    }
    $('preview').title = text('previewTitle');
    document.title = text('title');
  }

  // The tools' WebAssembly (one module holds all three), compiled once for every run: its packed
  // bytes (pack-wasm, a script beside the page) unpacked with the browser's own gzip.
  let compiledTools = null;
  function compiled() {
    if (!compiledTools) {
      const packed = Uint8Array.from(atob(window.waymarkWasm.waymark), (c) => c.charCodeAt(0));
      const stream = new Blob([packed]).stream().pipeThrough(new DecompressionStream('gzip'));
      compiledTools = new Response(stream).arrayBuffer().then((bytes) => WebAssembly.compile(bytes));
    }
    return compiledTools;
  }

  // A file a run is asked to write, made beforehand as a device that keeps each write as it comes:
  // the tools write a device in place (waymark::Output), where a file in emscripten's memory grows
  // by an eighth at a time and so copies a 100 MB output some forty times. Returns the bytes
  // written; or the file's, if the tool replaced the device with a file of its own.
  function capture(FS, name, index) {
    const chunks = [];
    const device = FS.makedev(64 + index, 0);
    FS.registerDevice(device, {
      write: (stream, buffer, offset, length) => {
        // Copied: the tool writes its next part from the same buffer.
        const chunk = new Uint8Array(length);
        chunk.set(new Uint8Array(buffer.buffer, buffer.byteOffset + offset, length));
        chunks.push(chunk);
        return length;
      },
    });
    FS.mkdev(name, device);
    return () => {
      if (!FS.isChrdev(FS.stat(name).mode)) return FS.readFile(name);
      const bytes = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
      let at = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, at);
        at += chunk.length;
      }
      return bytes;
    };
  }

  // One run of a tool: a fresh instance (the tools are one-shot programs that exit), its input
  // files written into its memory, its arguments as on a command line, and back its exit status,
  // standard output and error and the files it was asked to write.
  async function run(tool, args, inputs, outputs) {
    const stdout = [];
    const stderr = [];
    let status = null;
    let instance;
    try {
      const module = await compiled();
      let startFailed;
      const failure = new Promise((_, reject) => { startFailed = reject; });
      instance = await Promise.race([failure, window.waymark({
        noInitialRun: true,
        instantiateWasm: (imports, receive) => {
          WebAssembly.instantiate(module, imports).then((made) => receive(made, module), startFailed);
          return {};  // emscripten's sign that the instance comes later, through receive
        },
        print: (line) => stdout.push(line),
        printErr: (line) => stderr.push(line),
        onExit: (code) => { status = code; },
      })]);
    } catch (error) {
      throw new Error(text('crashed', { tool, error: error && error.message ? error.message : String(error) }));
    }
    instance.FS.mkdir('/work');
    instance.FS.chdir('/work');
    for (const [name, bytes] of Object.entries(inputs)) {
      instance.FS.writeFile(name, bytes);
    }
    const written = outputs.map((name, index) => capture(instance.FS, name, index));
    const started = performance.now();
    try {
      const returned = instance.callMain([tool, ...args]);  // page_main.cpp: the tool's name first
      if (status === null) status = returned;
    } catch (error) {
      throw new Error(text('crashed', { tool, error: error && error.message ? error.message : String(error) }));
    }
    // For tests/bench/browser.sh: how long the tool itself ran.
    performance.measure(`${tool} ${args.join(' ')}`, { start: started });
    const files = {};
    if (status === 0) {
      outputs.forEach((name, index) => { files[name] = written[index](); });
    }
    return { tool, status, stdout: stdout.join('\n'), stderr: stderr.join('\n'), files };
  }

  function setStatus(message) {
    $('status').textContent = message;
  }

  function clearAlert() {
    $('alert').hidden = true;
    $('alert').replaceChildren();
  }

  // A tool's failure, in its own words: never a table from a run that did not finish.
  function showFailure(result) {
    const alert = $('alert');
    const heading = document.createElement('p');
    heading.textContent = text('failed', { tool: result.tool, status: result.status });
    const said = document.createElement('pre');
    said.textContent = result.stderr || result.stdout;
    alert.replaceChildren(heading, said);
    alert.hidden = false;
    setStatus('');
  }

  function showError(error) {
    const alert = $('alert');
    const p = document.createElement('p');
    p.textContent = error.message;
    alert.replaceChildren(p);
    alert.hidden = false;
    setStatus('');
  }

  // Warnings the tools wrote on a run that succeeded (a column not found, a reason not translated).
  function addMessages(result) {
    if (!result.stderr) return;
    const messages = $('messages');
    messages.textContent += (messages.textContent ? '\n' : '') + result.stderr;
    $('messages-box').hidden = false;
  }

  function clearMessages() {
    $('messages').textContent = '';
    $('messages-box').hidden = true;
  }

  function utf8(bytes) {
    return new TextDecoder().decode(bytes);
  }

  // risk-check --show-columns: each heading of the input and the field it is read as, so that the
  // page shows a learner's name and year whatever the school's export calls them.
  function readColumns(listing) {
    const fields = {};
    for (const line of listing.split('\n')) {
      const match = /^(.*\S)\s+([a-z_]+)$/.exec(line);
      if (match && !(match[2] in fields)) fields[match[2]] = match[1];
    }
    return fields;
  }

  async function score() {
    if (!state.file) return;
    if (state.busy) {
      state.again = true;  // a language or file chosen while a run was going: score once more after it
      return;
    }
    state.busy = true;
    clearAlert();
    clearMessages();
    setStatus(text('scoring', { file: state.file.name }));
    try {
      const name = state.file.name;
      const input = { [name]: state.file.bytes };
      const common = [name];  // its format (CSV, workbook, JSON) is found from its content, as on the command line
      const scored = await run('risk-check', [...common, '--format', 'json', '--lang', state.lang, '-o', 'scored.json'],
                               input, ['scored.json']);
      if (scored.status !== 0) {
        state.records = [];
        hideResults();
        showFailure(scored);
        return;
      }
      addMessages(scored);
      state.scored = scored.files['scored.json'];
      state.records = JSON.parse(utf8(state.scored));
      const columns = await run('risk-check', [...common, '--show-columns'], input, []);
      state.fields = columns.status === 0 ? readColumns(columns.stdout) : {};
      const ids = new Set(state.records.map(learnerId));
      state.chosen = new Set([...state.chosen].filter((id) => ids.has(id)));
      fillGroupBy();
      await summarise();
      state.page = 0;
      showLearners();
      showChosen();
      $('summary-section').hidden = false;
      $('learners-section').hidden = false;
      $('documents-section').hidden = false;
      const counts = { universal: 0, targeted: 0, intensive: 0 };
      for (const record of state.records) counts[record.tier] += 1;
      setStatus(text('scored', { count: state.records.length, ...counts }));
    } catch (error) {
      hideResults();
      showError(error);
    } finally {
      state.busy = false;
      done();
    }
    if (state.again) {
      state.again = false;
      await score();
    }
  }

  // Counts the page's finished runs, for those who wait on one (tests/browser).
  function done() {
    document.body.dataset.runs = String(Number(document.body.dataset.runs || 0) + 1);
  }

  function hideResults() {
    $('summary-section').hidden = true;
    $('learners-section').hidden = true;
    $('documents-section').hidden = true;
  }

  function field(record, name) {
    const heading = state.fields[name];
    const value = heading !== undefined ? record[heading] : record[name];
    return value === null || value === undefined ? '' : String(value);
  }

  function learnerId(record) {
    return field(record, 'id');
  }

  function fillGroupBy() {
    const select = $('group-by');
    const previous = state.groupChosen ? select.value : null;  // the user's choice, kept for the next file
    const first = state.records[0] || {};
    const options = [['', text('all')]];
    for (const name of groupFields) {
      const heading = state.fields[name];
      if (heading !== undefined && heading in first) options.push([heading, heading]);
    }
    select.replaceChildren(...options.map(([value, label]) => new Option(label, value)));
    const yearGroup = state.fields.year_group;
    if (options.some(([value]) => value === previous)) select.value = previous;
    else if (yearGroup !== undefined && yearGroup in first) select.value = yearGroup;
  }

  // The summary is risk-check's own --summary, with its suppression of small counts.
  async function summarise() {
    const name = state.file.name;
    const by = $('group-by').value;
    const args = [name, '--summary', '--format', 'json', '-o', 'summary.json'];
    if (by) args.push('--by', by);
    const result = await run('risk-check', args, { [name]: state.file.bytes }, ['summary.json']);
    const body = $('summary').tBodies[0];
    if (result.status !== 0) {
      body.replaceChildren();
      showFailure(result);
      return;
    }
    const summary = JSON.parse(utf8(result.files['summary.json']));
    body.replaceChildren(...summary.groups.map((group) => {
      const row = document.createElement('tr');
      const head = document.createElement('th');
      head.scope = 'row';
      head.textContent = group.by === 'all' ? text('all') : `${group.by} ${group.value}`;
      row.append(head);
      for (const value of [group.learners, group.universal, group.targeted, group.intensive, group.flag_rate]) {
        const cell = document.createElement('td');
        cell.textContent = String(value);
        row.append(cell);
      }
      return row;
    }));
  }

  function shownLearners() {
    const filter = $('tier-filter').value;
    const tiers = filter === 'all' ? null : new Set(filter.split(','));
    const query = $('search').value.trim().toLowerCase();
    return state.records.filter((record) => {
      if (tiers && !tiers.has(record.tier)) return false;
      if (!query) return true;
      const words = [learnerId(record), field(record, 'given_name'), field(record, 'family_name')];
      return words.some((word) => word.toLowerCase().includes(query)) ||
        `${words[1]} ${words[2]}`.toLowerCase().includes(query);
    });
  }

  function list(items) {
    const ul = document.createElement('ul');
    for (const item of items) {
      const li = document.createElement('li');
      li.textContent = item;
      ul.append(li);
    }
    return ul;
  }

  function showLearners() {
    const shown = shownLearners();
    const pages = Math.max(1, Math.ceil(shown.length / pageSize));
    state.page = Math.min(state.page, pages - 1);
    const from = state.page * pageSize;
    const rows = shown.slice(from, from + pageSize).map((record) => {
      const id = learnerId(record);
      const name = `${field(record, 'given_name')} ${field(record, 'family_name')}`.trim();
      const row = document.createElement('tr');
      row.dataset.id = id;
      row.dataset.tier = record.tier;
      const chooseCell = document.createElement('td');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = state.chosen.has(id);
      box.setAttribute('aria-label', text('chooseLearner', { name: name || id, id }));
      box.addEventListener('change', () => {
        if (box.checked) state.chosen.add(id);
        else state.chosen.delete(id);
        showChosen();
      });
      chooseCell.append(box);
      const idCell = document.createElement('th');
      idCell.scope = 'row';
      idCell.textContent = id;
      const cells = [chooseCell, idCell];
      for (const value of [name, field(record, 'year_group')]) {
        const cell = document.createElement('td');
        cell.textContent = value;
        cells.push(cell);
      }
      const tierCell = document.createElement('td');
      tierCell.className = `tier tier-${record.tier}`;
      tierCell.textContent = text(record.tier);
      const reasonsCell = document.createElement('td');
      const reasons = [...(record.reasons || [])];
      if (record.missing && record.missing.length) reasons.push(text('notKnown', { fields: record.missing.join(', ') }));
      reasonsCell.append(list(reasons));
      const actionsCell = document.createElement('td');
      actionsCell.append(list((record.recommended_actions || []).map((action) =>
        typeof action === 'string' ? action : `${action.id} ${action.title || ''}`.trim())));
      cells.push(tierCell, reasonsCell, actionsCell);
      row.append(...cells);
      return row;
    });
    $('learners').tBodies[0].replaceChildren(...rows);
    $('learners-caption').textContent = shown.length
      ? text('learnersCaption', { from: from + 1, to: from + rows.length, count: shown.length })
      : text('noLearners');
    $('prev').disabled = state.page === 0;
    $('next').disabled = state.page >= pages - 1;
  }

  function showChosen() {
    $('chosen').textContent = state.chosen.size ? text('chosenSome', { count: state.chosen.size }) : text('chosenNone');
  }

  // Plans from plan-gen, contracts from contract-print on plan-gen's plans, for the learners
  // chosen, in the page's language: HTML with its print stylesheet to print, or Word to download.
  async function documents(what, format) {
    if (state.busy) return;
    if (!state.chosen.size) {
      setStatus(text('chooseFirst'));
      return;
    }
    state.busy = true;
    clearAlert();
    setStatus(text('making'));
    try {
      const ids = state.records.map(learnerId).filter((id) => state.chosen.has(id)).join(',');
      const planArgs = ['scored.json', '--id', ids, '--lang', state.lang];
      const scored = { 'scored.json': state.scored };
      const out = `${what}.${format}`;
      let result;
      if (what === 'plans') {
        result = await run('plan-gen', [...planArgs, '--format', format, '-o', out], scored, [out]);
      } else {
        const plans = await run('plan-gen', [...planArgs, '--format', 'json', '-o', 'plans.json'], scored, ['plans.json']);
        if (plans.status !== 0) {
          showFailure(plans);
          return;
        }
        addMessages(plans);
        result = await run('contract-print', ['plans.json', '--kind', $('kind').value, '--lang', state.lang,
                                              '--format', format, '-o', out],
                           { 'plans.json': plans.files['plans.json'] }, [out]);
      }
      if (result.status !== 0) {
        showFailure(result);
        return;
      }
      addMessages(result);
      if (format === 'html') {
        $('preview').srcdoc = utf8(result.files[out]);
        $('preview-box').hidden = false;
        setStatus(text('made'));
      } else {
        const blob = new Blob([result.files[out]],
                              { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
        const link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = out;
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(link.href), 60000);
        setStatus(text('downloaded', { file: out }));
      }
    } catch (error) {
      showError(error);
    } finally {
      state.busy = false;
      done();
    }
  }

  $('file').addEventListener('change', async () => {
    const chosen = $('file').files[0];
    if (!chosen) return;
    state.file = { name: chosen.name.replace(/[/\\]/g, '_') || 'records', bytes: new Uint8Array(await chosen.arrayBuffer()) };
    state.chosen.clear();
    await score();
  });
  $('lang').addEventListener('change', async () => {
    state.lang = $('lang').value;
    applyText();
    if (state.file) await score();
    else setStatus(text('ready'));
  });
  $('group-by').addEventListener('change', async () => {
    state.groupChosen = true;
    clearAlert();
    await summarise();
  });
  $('tier-filter').addEventListener('change', () => { state.page = 0; showLearners(); });
  $('search').addEventListener('input', () => { state.page = 0; showLearners(); });
  $('prev').addEventListener('click', () => { state.page -= 1; showLearners(); });
  $('next').addEventListener('click', () => { state.page += 1; showLearners(); });
  $('choose-shown').addEventListener('click', () => {
    for (const row of $('learners').tBodies[0].rows) state.chosen.add(row.dataset.id);
    showLearners();
    showChosen();
  });
  $('clear-chosen').addEventListener('click', () => { state.chosen.clear(); showLearners(); showChosen(); });
  $('plans-html').addEventListener('click', () => documents('plans', 'html'));
  $('contracts-html').addEventListener('click', () => documents('contracts', 'html'));
  $('plans-docx').addEventListener('click', () => documents('plans', 'docx'));
  $('contracts-docx').addEventListener('click', () => documents('contracts', 'docx'));
  $('print').addEventListener('click', () => $('preview').contentWindow.print());

  // While the user chooses a file, the tools compile, and risk-check scores two made-up learners
  // into nothing: the browser compiles each function the first time it runs, so this takes that
  // time off the first real file (examples/cohort.csv: 0.18 s instead of 0.34 to 0.39 s). A
  // failure shows at the first real run.
  const sample = new TextEncoder().encode('id,attendance_pct,suspensions,fsm\nsample-1,97.5,0,no\nsample-2,81.0,3,yes\n');
  compiled().then(() => run('risk-check', ['sample.csv', '--format', 'json', '-o', '/dev/null'], { 'sample.csv': sample }, []))
    .catch(() => {});
  state.lang = $('lang').value;
  applyText();
  setStatus(text('ready'));
  document.body.dataset.ready = 'true';
})();
