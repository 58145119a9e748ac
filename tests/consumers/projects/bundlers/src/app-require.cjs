// The same app written with require(): webpack resolves the `browser` + `require` conditions.
const { createAuthorizer } = require('miniprogram-authorize');

createAuthorizer({ appId: 'wx-bundled', prompt: 'accept' })
  .then((auth) => auth.authorize({ scope: 'scope.camera' }))
  .then((res) => { document.title = res.errMsg; }, (error) => { document.title = `failed: ${error.message ?? error.errMsg}`; });
