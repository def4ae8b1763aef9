'use strict';

// The peer as a web service: express + ask-sdk-express-adapter on POST /alexa. Signature and
// timestamp verification are off, as ours runs in the benchmark (loopback, verification off).
const express = require('express');
const { ExpressAdapter } = require('ask-sdk-express-adapter');
const { createSkill } = require('./skill');

const port = Number(process.env.PORT || 5200);
const app = express();
const adapter = new ExpressAdapter(createSkill(), false, false);
app.post('/alexa', adapter.getRequestHandlers());
app.get('/health', (req, res) => res.type('text/plain').send('ok'));
app.listen(port, '127.0.0.1', () => console.log(`peer express on http://127.0.0.1:${port}`));
