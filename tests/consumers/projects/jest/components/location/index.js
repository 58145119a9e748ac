// A custom component as mini programs write them: asks for location, then reads it.
Component({
  data: { status: 'idle', where: '' },
  methods: {
    locate() {
      wx.authorize({
        scope: 'scope.userLocation',
        success: () => {
          this.setData({ status: 'granted' });
          wx.getLocation({ type: 'wgs84', success: (res) => this.setData({ where: `${res.latitude},${res.longitude}` }) });
        },
        fail: (res) => this.setData({ status: res.errMsg }),
      });
    },
  },
});
