// The app every bundler builds: the page's title becomes the authorize answer.
import { createAuthorizer } from 'miniprogram-authorize';

createAuthorizer({ appId: 'wx-bundled', prompt: 'accept' })
  .then((auth) => auth.authorize({ scope: 'scope.camera' }))
  .then((res) => { document.title = res.errMsg; }, (error) => { document.title = `failed: ${error.message ?? error.errMsg}`; });
