import './tracing';
import 'reflect-metadata';
import { runServer } from '@turbota/server';
import { ApiModule } from './api.module';

void runServer('api', [ApiModule], { dashboard: true, chat: false });
