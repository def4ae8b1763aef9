'use strict';

// The benchmark peer: the turns VoicePay's benchmarks measure, written the way the official
// Node ASK SDK documents them (request handlers, the attributes manager with a persistence
// adapter), doing the same work as ours per turn:
//   - LaunchRequest: a welcome (and, with a linked token, one persistent-store read, as ours
//     looks for an unresolved transfer).
//   - CheckBalanceIntent: store read; behind the voice PIN (asks for it, or, when verified in this
//     session within 5 minutes, saves the session state and reads the accounts from the sandbox bank
//     over HTTP with the person's token).
//   - SendMoneyIntent → "yes" (CONFIRMED) → PinIntent: payee and account lookup at the bank, a
//     read-back, a PIN checked with PBKDF2-HMAC-SHA256 at 100,000 iterations behind an HMAC pepper
//     with an attempt claimed first, a daily-limit reservation, and a transfer with an
//     Idempotency-Key.
// State lives in files (one JSON file per person, replaced atomically), read and written through
// the SDK's PersistenceAdapter interface.

const Alexa = require('ask-sdk-core');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const SKILL_ID = process.env.PEER_SKILL_ID || 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
const BANK = (process.env.PEER_BANK_URL || 'http://127.0.0.1:5100/sandbox/').replace(/\/?$/, '/');
const STORE_DIR = process.env.PEER_STORE_DIR || path.join(__dirname, '.data');
const PEPPER = Buffer.from(process.env.PEER_PIN_PEPPER || 'bG9jYWwtZGV2ZWxvcG1lbnQtcGVwcGVyLW5vdC1hLXNlY3JldA==', 'base64');
const ITERATIONS = 100000;
const MAX_ATTEMPTS = 3;
const VERIFIED_FOR_MS = 5 * 60 * 1000;
const DAILY_LIMIT = Number(process.env.PEER_DAILY_LIMIT || 2000);

// ---- persistence: one JSON file per person, atomically replaced ----

class FilePersistenceAdapter {
  constructor(dir) {
    this.dir = dir;
    this.counter = 0;
    fs.mkdirSync(dir, { recursive: true });
  }

  file(userId) {
    return path.join(this.dir, crypto.createHash('sha256').update(userId).digest('hex') + '.json');
  }

  async getAttributes(requestEnvelope) {
    return this.read(Alexa.getUserId(requestEnvelope));
  }

  async saveAttributes(requestEnvelope, attributes) {
    return this.write(Alexa.getUserId(requestEnvelope), attributes);
  }

  async deleteAttributes(requestEnvelope) {
    await fs.promises.rm(this.file(Alexa.getUserId(requestEnvelope)), { force: true });
  }

  async read(userId) {
    try {
      return JSON.parse(await fs.promises.readFile(this.file(userId), 'utf8'));
    } catch (e) {
      if (e.code === 'ENOENT') return {};
      throw e;
    }
  }

  async write(userId, attributes) {
    const target = this.file(userId);
    const temp = `${target}.${process.pid}.${++this.counter}.tmp`;
    await fs.promises.writeFile(temp, JSON.stringify(attributes));
    await fs.promises.rename(temp, target);
  }
}

const store = new FilePersistenceAdapter(STORE_DIR);

// ---- PIN ----

function derive(userId, pin, salt) {
  const keyed = crypto.createHmac('sha256', PEPPER).update(`${userId}\0${pin}`).digest();
  return new Promise((resolve, reject) =>
    crypto.pbkdf2(keyed, salt, ITERATIONS, 32, 'sha256', (err, key) => (err ? reject(err) : resolve(key))));
}

async function enroll(userId, pin) {
  const salt = crypto.randomBytes(16);
  const hash = await derive(userId, pin, salt);
  const attributes = await store.read(userId);
  attributes.pin = { salt: salt.toString('base64'), hash: hash.toString('base64') };
  attributes.attempts = 0;
  await store.write(userId, attributes);
}

// ---- bank ----

async function bank(method, route, token, body, idempotencyKey) {
  const headers = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (body) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const response = await fetch(BANK + route, { method, headers, body: body ? JSON.stringify(body) : undefined, signal: AbortSignal.timeout(3000) });
  const json = await response.json();
  if (!response.ok) throw Object.assign(new Error(`bank ${response.status}`), { status: response.status, problem: json });
  return json;
}

function money(amount, currency) {
  const digits = Math.abs(amount).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const symbol = { USD: '$', GBP: '£', EUR: '€' }[currency];
  return symbol ? `${amount < 0 ? '-' : ''}${symbol}${digits}` : `${digits} ${currency}`;
}

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

// ---- conversation helpers ----

function sessionState(attributes, requestEnvelope) {
  attributes.sessions = attributes.sessions || {};
  const id = requestEnvelope.session ? requestEnvelope.session.sessionId : 'none';
  const now = Date.now();
  for (const [key, value] of Object.entries(attributes.sessions)) {
    if (value.expiresAt <= now) delete attributes.sessions[key];
  }
  const state = attributes.sessions[id] || {};
  state.expiresAt = now + 60 * 60 * 1000;
  attributes.sessions[id] = state;
  return state;
}

function accessToken(input) {
  return Alexa.getAccountLinkingAccessToken(input.requestEnvelope);
}

function linkAccount(input) {
  return input.responseBuilder
    .speak('To use Voice Pay, please link your bank account in the Alexa app. I\'ve sent a card to help.')
    .withLinkAccountCard()
    .withShouldEndSession(true)
    .getResponse();
}

async function balances(input, token) {
  const { accounts } = await bank('GET', 'v1/accounts', token);
  const lines = accounts.map(a => `${escape(a.nickname)} ending in <say-as interpret-as="characters">${a.lastFour}</say-as>: ${escape(money(Number(a.availableBalance), a.currency))} available.`);
  const card = accounts.map(a => `${a.nickname} ••${a.lastFour}: ${money(Number(a.availableBalance), a.currency)} available, ${money(Number(a.currentBalance), a.currency)} current`).join('\n');
  return input.responseBuilder
    .speak(`Here are your balances. ${lines.join(' ')}`)
    .withSimpleCard('Voice Pay', card)
    .withShouldEndSession(true)
    .getResponse();
}

function askPin(input) {
  return input.responseBuilder
    .speak('For your security, what\'s your four-digit voice PIN?')
    .reprompt('Please say your four-digit voice PIN.')
    .getResponse();
}

function idempotencyKey(userId, sessionId, pending) {
  return crypto.createHash('sha256').update([userId, sessionId, pending.requestId, pending.payeeId, pending.amount, pending.currency].join('|')).digest('hex').slice(0, 32);
}

async function send(input, attributes, state, token) {
  const pending = state.pendingTransfer;
  state.pendingTransfer = null;
  const day = new Date().toISOString().slice(0, 10);
  attributes.daily = attributes.daily && attributes.daily.day === day ? attributes.daily : { day, total: 0, keys: [] };
  const key = idempotencyKey(Alexa.getUserId(input.requestEnvelope), input.requestEnvelope.session.sessionId, pending);
  if (!attributes.daily.keys.includes(key)) {
    if (attributes.daily.total + pending.amount > DAILY_LIMIT) {
      await input.attributesManager.savePersistentAttributes();
      return input.responseBuilder.speak(`That would take you over your daily limit of ${money(DAILY_LIMIT, pending.currency)}. Nothing was sent.`).withShouldEndSession(true).getResponse();
    }
    attributes.daily.total = Math.round((attributes.daily.total + pending.amount) * 100) / 100;
    attributes.daily.keys.push(key);
  }
  await input.attributesManager.savePersistentAttributes();
  const transfer = await bank('POST', 'v1/transfers', token, {
    fromAccountId: pending.fromAccountId, payeeId: pending.payeeId, amount: pending.amount.toFixed(2), currency: pending.currency,
  }, key);
  const amount = money(pending.amount, pending.currency);
  const reference = transfer.id.slice(-4);
  return input.responseBuilder
    .speak(`Done. I sent ${escape(amount)} to ${escape(pending.payeeName)}. Reference ending <say-as interpret-as="characters">${reference}</say-as>.`)
    .withSimpleCard('Payment sent', `${amount} to ${pending.payeeName} from ${pending.fromAccountName}. Reference ${reference}.`)
    .withShouldEndSession(true)
    .getResponse();
}

// ---- handlers ----

const LaunchRequestHandler = {
  canHandle: input => Alexa.getRequestType(input.requestEnvelope) === 'LaunchRequest',
  async handle(input) {
    if (accessToken(input)) {
      // As ours does: look for a transfer whose outcome is still unknown.
      const attributes = await input.attributesManager.getPersistentAttributes();
      if (attributes.unresolved) {
        return input.responseBuilder.speak('I\'m still checking on your last payment.').getResponse();
      }
    }
    return input.responseBuilder
      .speak('Welcome to Voice Pay. You can check your balance, hear your recent transactions, or send money to someone you\'ve set up in your bank\'s app. What would you like to do?')
      .reprompt('You can say, what\'s my balance, or, send twenty dollars to Alice.')
      .getResponse();
  },
};

const CheckBalanceIntentHandler = {
  canHandle: input => Alexa.getRequestType(input.requestEnvelope) === 'IntentRequest'
    && Alexa.getIntentName(input.requestEnvelope) === 'CheckBalanceIntent',
  async handle(input) {
    const token = accessToken(input);
    if (!token) return linkAccount(input);
    const attributes = await input.attributesManager.getPersistentAttributes();
    const state = sessionState(attributes, input.requestEnvelope);
    if (state.pinVerifiedAt && Date.now() - state.pinVerifiedAt <= VERIFIED_FOR_MS) {
      state.awaitingPin = null;
      await input.attributesManager.savePersistentAttributes();
      return balances(input, token);
    }
    if (!attributes.pin) {
      return input.responseBuilder.speak('You haven\'t set up a voice PIN yet. Set one up in your bank\'s app, then try again.').withShouldEndSession(true).getResponse();
    }
    if ((attributes.attempts || 0) >= MAX_ATTEMPTS) {
      return input.responseBuilder.speak('Voice payments are locked because of too many wrong PINs.').withShouldEndSession(true).getResponse();
    }
    state.awaitingPin = { kind: 'balance' };
    await input.attributesManager.savePersistentAttributes();
    return askPin(input);
  },
};

const SendMoneyIntentHandler = {
  canHandle: input => Alexa.getRequestType(input.requestEnvelope) === 'IntentRequest'
    && Alexa.getIntentName(input.requestEnvelope) === 'SendMoneyIntent',
  async handle(input) {
    const token = accessToken(input);
    if (!token) return linkAccount(input);
    const intent = input.requestEnvelope.request.intent;
    const attributes = await input.attributesManager.getPersistentAttributes();
    const state = sessionState(attributes, input.requestEnvelope);

    if (intent.confirmationStatus === 'CONFIRMED' && state.pendingTransfer) {
      state.pendingTransfer.confirmed = true;
      if (state.pinVerifiedAt && Date.now() - state.pinVerifiedAt <= VERIFIED_FOR_MS) {
        return send(input, attributes, state, token);
      }
      state.awaitingPin = { kind: 'transfer' };
      await input.attributesManager.savePersistentAttributes();
      return askPin(input);
    }

    const heard = (Alexa.getSlotValue(input.requestEnvelope, 'Payee') || '').trim().toLowerCase();
    const dollars = Number(Alexa.getSlotValue(input.requestEnvelope, 'Amount') || 0);
    const cents = Number(Alexa.getSlotValue(input.requestEnvelope, 'Cents') || 0);
    const amount = Math.round((dollars + cents / 100) * 100) / 100;
    const [{ payees }, { accounts }] = await Promise.all([bank('GET', 'v1/payees', token), bank('GET', 'v1/accounts', token)]);
    const payee = payees.find(p => p.displayName.toLowerCase() === heard || p.nicknames.some(n => n.toLowerCase() === heard));
    if (!payee) {
      return input.responseBuilder.speak(`I couldn't find ${escape(heard)} among your payees. Who would you like to pay?`).reprompt('Who would you like to pay?').getResponse();
    }
    const from = accounts.find(a => a.type.toLowerCase() === 'checking') || accounts[0];
    state.pendingTransfer = {
      payeeId: payee.id, payeeName: payee.displayName, amount, currency: from.currency,
      fromAccountId: from.id, fromAccountName: from.nickname, requestId: input.requestEnvelope.request.requestId, confirmed: false,
    };
    await input.attributesManager.savePersistentAttributes();
    return input.responseBuilder
      .speak(`Send ${escape(money(amount, from.currency))} to ${escape(payee.displayName)} from your ${escape(from.type.toLowerCase())} account?`)
      .addConfirmIntentDirective(intent)
      .getResponse();
  },
};

const PinIntentHandler = {
  canHandle: input => Alexa.getRequestType(input.requestEnvelope) === 'IntentRequest'
    && Alexa.getIntentName(input.requestEnvelope) === 'PinIntent',
  async handle(input) {
    const token = accessToken(input);
    if (!token) return linkAccount(input);
    const userId = Alexa.getUserId(input.requestEnvelope);
    const pin = Alexa.getSlotValue(input.requestEnvelope, 'Pin') || '';
    const attributes = await input.attributesManager.getPersistentAttributes();
    const state = sessionState(attributes, input.requestEnvelope);
    if (!state.awaitingPin) {
      return input.responseBuilder.speak('There\'s nothing waiting for your PIN right now. What would you like to do?').reprompt('What would you like to do?').getResponse();
    }
    if (!attributes.pin) {
      return input.responseBuilder.speak('You haven\'t set up a voice PIN yet.').withShouldEndSession(true).getResponse();
    }
    if ((attributes.attempts || 0) >= MAX_ATTEMPTS) {
      return input.responseBuilder.speak('Voice payments are locked because of too many wrong PINs, so nothing was sent.').withShouldEndSession(true).getResponse();
    }
    // Claim the attempt before comparing, as ours does.
    attributes.attempts = (attributes.attempts || 0) + 1;
    await input.attributesManager.savePersistentAttributes();
    const candidate = await derive(userId, pin, Buffer.from(attributes.pin.salt, 'base64'));
    if (!crypto.timingSafeEqual(candidate, Buffer.from(attributes.pin.hash, 'base64'))) {
      return input.responseBuilder.speak('That PIN didn\'t match. What\'s your voice PIN?').reprompt('Please say your four-digit voice PIN.').getResponse();
    }
    attributes.attempts = 0;
    state.pinVerifiedAt = Date.now();
    const action = state.awaitingPin;
    state.awaitingPin = null;
    if (action.kind === 'transfer' && state.pendingTransfer && state.pendingTransfer.confirmed) {
      return send(input, attributes, state, token);
    }
    await input.attributesManager.savePersistentAttributes();
    return balances(input, token);
  },
};

const FallbackHandler = {
  canHandle: () => true,
  handle: input => input.responseBuilder.speak('Sorry, I can\'t help with that in Voice Pay.').reprompt('What would you like to do?').getResponse(),
};

const ErrorHandler = {
  canHandle: () => true,
  handle(input, error) {
    console.error(`turn failed: ${error && error.message}`);
    return input.responseBuilder.speak('Sorry, something went wrong. Please try again.').getResponse();
  },
};

function createSkill() {
  return Alexa.SkillBuilders.custom()
    .withSkillId(SKILL_ID)
    .withPersistenceAdapter(store)
    .addRequestHandlers(LaunchRequestHandler, CheckBalanceIntentHandler, SendMoneyIntentHandler, PinIntentHandler, FallbackHandler)
    .addErrorHandlers(ErrorHandler)
    .create();
}

module.exports = { createSkill, enroll };
