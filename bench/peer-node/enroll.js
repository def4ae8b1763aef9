'use strict';

// node enroll.js PIN USER_ID...  — enrols a voice PIN for each person in the peer's store (PEER_STORE_DIR).
const { enroll } = require('./skill');

const [pin, ...users] = process.argv.slice(2);
Promise.all(users.map(user => enroll(user, pin))).catch(error => {
  console.error(error);
  process.exit(1);
});
