'use strict';

// The skill function's environment as serverless.template deploys it, one NAME=VALUE a line:
//   node function-env.js TEMPLATE Ref=value...
// Every variable the template gives VoicePayFunction, each Ref resolved from the arguments (a template
// parameter left out takes its Default), plus what Lambda itself sets from the function's properties
// (memory size, the JSON log format and level of LoggingConfig, the handler). A Ref the arguments and the
// defaults cannot resolve fails, so a variable added to the template cannot be silently left out here.
const fs = require('node:fs');

const [templateFile, ...pairs] = process.argv.slice(2);
const template = JSON.parse(fs.readFileSync(templateFile, 'utf8'));
const given = Object.fromEntries(pairs.map(p => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
const fn = template.Resources.VoicePayFunction.Properties;

const resolve = (name, value) => {
  if (typeof value === 'string') return value;
  // Fn::GetAtt [Resource, Attribute] is passed as Resource.Attribute=value (the template's own resources, e.g. the PIN key).
  const att = value && value['Fn::GetAtt'];
  const ref = att ? att.join('.') : value && value.Ref;
  if (ref in given) return given[ref];
  const parameter = template.Parameters[ref];
  if (parameter && 'Default' in parameter && parameter.Default !== '') return parameter.Default;
  console.error(`function-env.js: ${name} is ${JSON.stringify(value)}; pass ${ref}=...`);
  process.exit(2);
};

const variables = Object.entries(fn.Environment.Variables).map(([name, value]) => [name, resolve(name, value)]);
variables.push(
  ['_HANDLER', fn.Handler],
  ['AWS_LAMBDA_FUNCTION_MEMORY_SIZE', String(fn.MemorySize)],
  ['AWS_LAMBDA_LOG_FORMAT', fn.LoggingConfig.LogFormat],
  ['AWS_LAMBDA_LOG_LEVEL', fn.LoggingConfig.ApplicationLogLevel],
);
for (const [name, value] of variables) process.stdout.write(`${name}=${value}\n`);
