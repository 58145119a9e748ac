// The demo's switch for WeChat's privacy layer (issue 12): off; on with the official pop-up (the
// library's built-in one, placed in the phone); or on with the mini program's own pop-up and its
// agree button (`<button open-type="agreePrivacyAuthorization">`), as apps written since 2023 do.
import { createPrivacyPrompt, createPrivacyContract } from '/pkg/privacy-ui.min.js';
import { $, h } from './dom.js';
import { logEvent } from './console.js';
import { showOutput } from './phone.js';

export const PRIVACY_MODES = ['off', 'official', 'own'];
const KEY = 'miniprogram-authorize-demo:privacy';

/** The mode chosen: the URL's `?privacy=`, else the last one, else off. */
export function privacyMode() {
  const given = new URLSearchParams(location.search).get('privacy');
  let saved = null;
  try {
    saved = localStorage.getItem(KEY);
  } catch {
    saved = null;
  }
  const mode = given ?? saved;
  return PRIVACY_MODES.includes(mode) ? mode : 'off';
}

export function savePrivacyMode(mode) {
  try {
    localStorage.setItem(KEY, mode);
  } catch {
    /* private mode: not remembered */
  }
}

/** Whether the platform has the layer (WeChat and its mini game). */
export const hasPrivacyLayer = (platformId) => platformId === 'wechat' || platformId === 'wechat-minigame';

/** createAuthorizer's options for the mode: the app's guide, the pop-up and contract page in the phone. */
export function privacyOptions(mode, platformId, appName, lang) {
  if (mode === 'off' || !hasPrivacyLayer(platformId)) return {};
  const ui = { lang: lang === 'zh' ? 'zh_CN' : 'en', appName };
  return {
    privacy: { declared: 'all', privacyContractName: `《${appName}小程序隐私保护指引》` },
    privacyPrompt: createPrivacyPrompt({ ...ui, container: $('#screen') }),
    privacyContract: createPrivacyContract({ ...ui, container: $('#app-area') }),
  };
}

/**
 * With the app's own pop-up: the listener shows it at the bottom of the phone, with the agree
 * button (a real element made the agree button) and a link to the guide. Returns `off`.
 */
export function attachPrivacy(auth, mode) {
  if (mode !== 'own' || !auth.privacy) return () => {};
  const waiting = new Set();
  let unbind = () => {};
  const finish = (option) => {
    for (const resolve of waiting) resolve(option);
    waiting.clear();
    unbind();
    $('#output-slot')?.replaceChildren();
  };
  auth.api.onNeedPrivacyAuthorization((resolve, { referrer }) => {
    waiting.add(resolve);
    logEvent(`onNeedPrivacyAuthorization · referrer ${referrer}`);
    if (waiting.size > 1) return;
    const agree = h('button', { type: 'button', class: 'btn primary', id: 'agree-btn', text: 'Agree' });
    const disagree = h('button', { type: 'button', class: 'btn ghost', text: 'Disagree', onclick: () => finish({ event: 'disagree' }) });
    const guide = h('a', { href: '#', text: auth.privacy.privacyContractName, onclick: (event) => { event.preventDefault(); auth.api.openPrivacyContract(); } });
    showOutput('Privacy', [
      h('p', {}, 'Before you go on, please read ', guide, '. Tap Agree to let this mini program use the information it lists.'),
      h('p', { class: 'privacy-buttons' }, disagree, ' ', agree),
    ], { tone: 'info' });
    unbind = auth.privacy.bindAgreeButton(agree);
    agree.addEventListener('agreeprivacyauthorization', (event) => {
      logEvent(`agreeprivacyauthorization · buttonId ${event.detail.buttonId}`);
      finish({ event: 'agree', buttonId: event.detail.buttonId });
    });
    resolve({ event: 'exposureAuthorization' });
  });
  return () => finish({ event: 'disagree' });
}
