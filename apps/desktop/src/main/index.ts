import { launch } from './app.js';

void launch({ argv: process.argv, devServerUrl: process.env.ELECTRON_RENDERER_URL });
