import { Module, RequestMethod } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { AppConfig } from '../config/app-config';
import { REDACTED, REDACT_PATHS, safeError } from './redaction';
import { loggablePath, requestIdFor } from './request-id';

/**
 * Pino JSON logs with a request id and personal fields redacted by path. Request
 * logs show method, path (CPR-shaped segments masked) and status, never bodies or
 * query strings; the request id is the caller's only when it cannot hold personal
 * data (ADR 0016).
 * LOG_FILE sends the log to a file instead of stdout (tests read it back).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const destination = config.LOG_FILE ? pino.destination({ dest: config.LOG_FILE, sync: true, mkdir: true }) : pino.destination(1);
        return {
          // nestjs-pino's default route pattern ('{/*splat}') matches nothing on
          // Nest 12 + fastify (tried here): the request logger then never runs.
          forRoutes: [{ path: '*', method: RequestMethod.ALL }],
          pinoHttp: [
            {
              level: config.LOG_LEVEL,
              redact: { paths: REDACT_PATHS, censor: REDACTED },
              // The api's fastify sets req.id first (pino-http then keeps it); this covers the rest.
              genReqId: (req: IncomingMessage) => requestIdFor(req),
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  // Never the query string; a CPR typed into the path, or a link's token, is masked.
                  path: loggablePath(req.url.split('?')[0]),
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
                err: safeError,
              },
              customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
                err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            },
            destination,
          ],
        };
      },
    }),
  ],
})
export class LoggingModule {}
