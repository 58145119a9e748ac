// WeChat's official privacy pop-up and the privacy contract page, for browsers: what an authorizer
// with a `privacy` configuration shows when the app registered no onNeedPrivacyAuthorization
// listener (the pop-up) and on openPrivacyContract (the page). Built on pkg/ui.js's dialog
// machinery (one dialog at a time, a real <dialog> in a shadow root, keyboard and focus handled,
// the same CSS custom properties and dark theme), which it imports on first use.
//
//   createPrivacyPrompt({ appName, lang, theme, container, strings })  → (request) => 'agree' | 'disagree'
//   createPrivacyContract({ appName, lang, theme, container, strings }) → (request) => closed
//
// `lang`: 'zh_CN' or 'en' (WeChat's words); default: the page's language (navigator.language).

let kitLoading;
const loadKit = () => (kitLoading ??= import('./ui.js').then((ui) => ui.dialogKit));

const STRINGS = {
  en: {
    title: 'Privacy notice',
    before: 'Before you use {app}, please read and agree to ',
    after: '. If you agree, {app} may use the information listed in it. If you refuse, the features that need it will not be available.',
    requestedBy: 'Requested by',
    agree: 'Agree',
    disagree: 'Disagree',
    collects: 'With your express consent, {app} (the developer) will collect and use the following information:',
    nothing: '{app} declares no personal information.',
    close: 'Close',
  },
  zh_CN: {
    title: '用户隐私保护提示',
    before: '感谢你使用{app}。使用前，请你阅读并同意',
    after: '。当你点击同意并开始使用服务时，即表示你已理解并同意该条款内容；如你拒绝，将无法使用相应服务。',
    requestedBy: '触发接口',
    agree: '同意',
    disagree: '拒绝',
    collects: '{app}（以下简称“开发者”）将在获取你的明示同意后，收集、使用以下信息：',
    nothing: '{app}未声明收集任何个人信息。',
    close: '关闭',
  },
};

const EXTRA_CSS = `
.privacy-title { font-size: 19px; font-weight: 650; line-height: 1.3; margin: 14px 0 8px; }
.privacy-text { color: var(--_fg); font-size: 15px; line-height: 1.6; overflow-wrap: anywhere; }
.contract-link { color: var(--_accent); font-weight: 600; text-decoration: none; cursor: pointer; border-radius: 4px; }
.contract-link:hover { text-decoration: underline; }
.contract-link:focus { outline: none; }
.contract-link:focus-visible { outline: 3px solid color-mix(in srgb, var(--_focus) 55%, transparent); outline-offset: 1px; }
.privacy-meta { margin: 10px 2px 18px; font-size: 12px; color: var(--_muted); }
.contract .intro { margin: 18px 4px 10px; font-size: 15px; line-height: 1.55; overflow-wrap: anywhere; }
.contract .row { cursor: default; }
.contract .bar { grid-template-columns: 64px minmax(0, 1fr) 64px; }
.contract .bar h2 { font-size: 16px; text-align: center; overflow-wrap: anywhere; padding: 8px 0; line-height: 1.3; }
.contract .done { white-space: nowrap; }
`;

function languageOf(options) {
  const given = options.lang ?? globalThis.navigator?.language ?? 'en';
  return /^zh/i.test(String(given)) ? 'zh_CN' : 'en';
}

/** The host element's `lang` attribute (BCP 47: zh-CN, not WeChat's zh_CN). */
const htmlLang = (options) => (languageOf(options) === 'zh_CN' ? 'zh-CN' : 'en');

function stringsOf(options) {
  return { ...STRINGS[languageOf(options)], ...(options.strings ?? {}) };
}

const fill = (template, app) => String(template).split('{app}').join(app);

function addStyle(kit, ui, doc) {
  ui.root.append(kit.el(doc, 'style', { text: EXTRA_CSS }));
}

function kindLabel(kind, lang) {
  if (!kind || typeof kind !== 'object') return String(kind ?? '');
  const label = lang === 'zh_CN' ? kind.labelZh : kind.label;
  return typeof label === 'string' && label ? label : String(kind.kind ?? '');
}

function showPrivacyPrompt(kit, request, options) {
  const doc = kit.documentFor(options);
  const t = stringsOf(options);
  const appName = kit.appNameOf(options, request);
  const contractName = typeof request.privacyContractName === 'string' && request.privacyContractName
    ? request.privacyContractName
    : `《${appName}》`;
  const referrer = typeof request.referrer === 'string' && request.referrer ? request.referrer : null;
  const dialogOptions = { ...options, lang: htmlLang(options), closeOnBackdrop: false };

  return kit.runDialog(doc, dialogOptions, 'privacy', request.signal, (ui) => {
    const { id, dialog, stage } = ui;
    addStyle(kit, ui, doc);
    dialog.setAttribute('aria-labelledby', `${id}-title`);
    dialog.setAttribute('aria-describedby', `${id}-text`);
    // A link in the sentence, as WeChat's pop-up has it: inline, and Enter follows it.
    const link = kit.el(doc, 'a', { href: '#', className: 'contract-link', part: 'contract-link', text: contractName });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      if (typeof request.openPrivacyContract === 'function') {
        Promise.resolve().then(() => request.openPrivacyContract()).catch(() => {});
      }
    });
    const sheet = kit.el(doc, 'div', { className: 'sheet', part: 'sheet' }, [
      kit.el(doc, 'p', { className: 'who' }, [
        kit.avatarEl(doc, appName, options.appIcon),
        kit.el(doc, 'span', { className: 'app', part: 'app-name', text: appName }),
      ]),
      kit.el(doc, 'h2', { className: 'privacy-title', id: `${id}-title`, part: 'title', text: t.title }),
      kit.el(doc, 'p', { className: 'privacy-text', id: `${id}-text`, part: 'text' }, [
        doc.createTextNode(fill(t.before, appName)),
        link,
        doc.createTextNode(fill(t.after, appName)),
      ]),
      referrer && options.details !== false
        ? kit.el(doc, 'p', { className: 'privacy-meta', part: 'meta' }, [
            doc.createTextNode(`${t.requestedBy} `),
            kit.el(doc, 'code', { text: `${referrer}()` }),
          ])
        : kit.el(doc, 'div', { className: 'privacy-meta' }),
      kit.el(doc, 'form', { method: 'dialog', className: 'actions', part: 'actions' }, [
        kit.el(doc, 'button', { className: 'btn deny', value: 'disagree', part: 'disagree', text: t.disagree }),
        kit.el(doc, 'button', { className: 'btn allow', value: 'agree', part: 'agree', text: t.agree }),
      ]),
    ]);
    stage.append(sheet);
    // WeChat's pop-up has no way out but its two buttons: Esc answers as a refusal.
    return { inner: sheet, closeValue: 'disagree', answer: (value) => (value === 'agree' ? 'agree' : 'disagree') };
  });
}

function showContract(kit, request, options) {
  const doc = kit.documentFor(options);
  const lang = languageOf(options);
  const t = stringsOf(options);
  const appName = kit.appNameOf(options, request);
  const title = typeof request.privacyContractName === 'string' && request.privacyContractName ? request.privacyContractName : appName;
  const declared = Array.isArray(request.declared) ? request.declared : [];
  const dialogOptions = { ...options, lang: htmlLang(options) };

  return kit.runDialog(doc, dialogOptions, 'contract', request.signal, (ui) => {
    const { id, dialog, stage } = ui;
    addStyle(kit, ui, doc);
    stage.classList.add('center');
    dialog.setAttribute('aria-labelledby', `${id}-title`);
    dialog.setAttribute('aria-describedby', `${id}-intro`);
    const rows = declared.map((kind, i) => kit.el(doc, 'li', {}, [
      kit.el(doc, 'div', { className: 'row', part: 'row' }, [
        kit.iconEl(doc, kind?.kind ?? ''),
        kit.el(doc, 'span', { className: 'text' }, [
          kit.el(doc, 'span', { className: 'name', id: `${id}-kind${i}`, text: kindLabel(kind, lang) }),
        ]),
      ]),
    ]));
    const panel = kit.el(doc, 'section', { className: 'panel contract', part: 'panel' }, [
      kit.el(doc, 'header', { className: 'bar', part: 'bar' }, [
        kit.el(doc, 'h2', { id: `${id}-title`, part: 'title', text: title }),
        kit.el(doc, 'form', { method: 'dialog' }, [
          kit.el(doc, 'button', { className: 'done', value: 'close', part: 'close', text: t.close }),
        ]),
      ]),
      kit.el(doc, 'div', { className: 'body' }, [
        kit.el(doc, 'div', { className: 'app-card' }, [
          kit.avatarEl(doc, appName, options.appIcon),
          kit.el(doc, 'div', {}, [kit.el(doc, 'p', { className: 'name', text: appName })]),
        ]),
        kit.el(doc, 'p', { className: 'intro', id: `${id}-intro`, text: fill(rows.length ? t.collects : t.nothing, appName) }),
        rows.length ? kit.el(doc, 'ul', { className: 'list', part: 'list', role: 'list' }, rows) : null,
      ]),
    ]);
    stage.append(panel);
    return { inner: panel, closeValue: 'close', answer: () => undefined };
  });
}

/**
 * The official privacy pop-up: resolves with 'agree' or 'disagree'. The contract's name is a link
 * that opens the contract page above it (`request.openPrivacyContract`).
 */
export function createPrivacyPrompt(options = {}) {
  const opts = { ...(options ?? {}) };
  return async function privacyPrompt(request) {
    const kit = await loadKit();
    request = request && typeof request === 'object' ? request : {};
    if (request.signal?.aborted) return 'disagree';
    return kit.inTurn(() => showPrivacyPrompt(kit, request, opts));
  };
}

/**
 * The privacy contract page (openPrivacyContract): the contract's name, the app, and the kinds of
 * personal information it declares. Resolves when it is closed. It opens above whatever dialog is
 * showing (the pop-up's link opens it), so it does not wait for a turn.
 */
export function createPrivacyContract(options = {}) {
  const opts = { ...(options ?? {}) };
  return async function privacyContract(request) {
    const kit = await loadKit();
    request = request && typeof request === 'object' ? request : {};
    return showContract(kit, request, opts);
  };
}
