import { createPrompt } from 'miniprogram-authorize/ui';
export const p = createPrompt({ appName: 'x' });
