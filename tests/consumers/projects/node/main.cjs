// Plain `require`: what Node 18 and 20.0–20.18 need, which cannot require an ES module.
const scenario = require('./scenario.cjs');

scenario(require('miniprogram-authorize'), require('miniprogram-authorize/ui'), 'require').then((report) => {
  console.log(JSON.stringify({ resolved: require.resolve('miniprogram-authorize'), ...report }));
});
